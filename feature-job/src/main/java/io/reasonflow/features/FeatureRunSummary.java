package io.reasonflow.features;

import io.reasonflow.common.model.EventType;
import java.util.List;

/**
 * Counts and timings of one feature run, also written as {@code summary.json}.
 *
 * @param events events kept (parsed, exact duplicates removed)
 * @param deadLetters lines rejected (see dead-letters.jsonl.gz)
 * @param users shoppers with at least one event
 * @param items items written to items.jsonl.gz (items with a vector)
 * @param sessions sessions over all shoppers
 * @param coViewPairs distinct co-viewed item pairs (rows of coviews.tsv.gz)
 * @param modelVersion version stamped on vectors and profiles: the run's start time, epoch
 *     milliseconds
 * @param trainMillis item2vec training time
 * @param totalMillis whole run
 * @param eventTypes the types of the events kept after parsing, in declaration order: what the
 *     shoppers behind a co-view figure did, since sessions, and so co-view pairs, take every kept
 *     event whatever its type. Taken after parsing rather than from the profiles, whose anchors
 *     keep only each recent item's strongest type; de-duplication drops only exact copies, so it
 *     removes no type. The reason job reads this field ({@link
 *     io.reasonflow.common.store.SummaryEventTypes}) instead of scanning the profile snapshot.
 *     Empty when read from a summary written before the field existed.
 */
public record FeatureRunSummary(
    long events,
    long deadLetters,
    long users,
    long items,
    long sessions,
    long coViewPairs,
    long modelVersion,
    long trainMillis,
    long totalMillis,
    List<EventType> eventTypes) {
  public FeatureRunSummary {
    // declaration order whatever order the writer gathered them in: the same data, the same file
    eventTypes = eventTypes == null ? List.of() : List.copyOf(EventType.inOrder(eventTypes));
  }
}
