package io.reasonflow.features.stream;

import io.reasonflow.common.model.Event;
import java.io.Serializable;

/**
 * A parsed event with where it came from, so that an event found late further down the pipeline is
 * dead-lettered with its original position and text. Only {@link #event} is kept in state.
 *
 * @param event the event
 * @param source {@code kafka:topic/partition}
 * @param position the record's offset
 * @param raw the record as it arrived
 */
public record StreamEvent(Event event, String source, long position, String raw)
    implements Serializable {}
