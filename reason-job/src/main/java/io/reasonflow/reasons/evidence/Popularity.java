package io.reasonflow.reasons.evidence;

/**
 * The candidate's popularity.
 *
 * @param bucket BEST_SELLER, POPULAR or HIDDEN_GEM
 * @param percentile fraction of catalogue items with fewer shoppers
 * @param shoppers the candidate's distinct shoppers
 */
public record Popularity(PopularityBucket bucket, double percentile, Sourced<Integer> shoppers) {}
