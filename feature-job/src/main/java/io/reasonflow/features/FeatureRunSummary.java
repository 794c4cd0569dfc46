package io.reasonflow.features;

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
    long totalMillis) {}
