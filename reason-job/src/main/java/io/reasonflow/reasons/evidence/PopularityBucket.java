package io.reasonflow.reasons.evidence;

/**
 * Where an item sits in the popularity distribution (by distinct shoppers); see {@link
 * PopularityScale}.
 */
public enum PopularityBucket {
  BEST_SELLER,
  POPULAR,
  /** The long tail: fewer shoppers than most items. */
  HIDDEN_GEM
}
