package io.reasonflow.features.flink;

import io.reasonflow.common.model.Event;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/** Event time is when the shopper acted, not when the line was read. */
public final class EventTimeAssigner implements SerializableTimestampAssigner<Event> {
  private static final long serialVersionUID = 1L;

  @Override
  public long extractTimestamp(Event e, long recordTimestamp) {
    return e.eventTimeMs();
  }
}
