package io.reasonflow.reasons.candidates;

import io.reasonflow.common.config.Config;

/**
 * How candidates are found and picked.
 *
 * @param topK recommendations per shopper
 * @param anchors recent items the search starts from
 * @param perAnchor neighbours taken per anchor (and nearest items to the user vector)
 * @param mmrLambda MMR trade-off: 1 relevance only, 0 diversity only
 * @param longTailBoost score multiplier {@code 1 + boost * (1 - popularity percentile)}; 0 disables
 */
public record CandidateSettings(
    int topK, int anchors, int perAnchor, double mmrLambda, double longTailBoost)
    implements java.io.Serializable {
  public CandidateSettings {
    if (topK < 1 || anchors < 1 || perAnchor < 1) {
      throw new IllegalArgumentException("topK, anchors and perAnchor must be at least 1");
    }
    if (mmrLambda < 0 || mmrLambda > 1 || longTailBoost < 0) {
      throw new IllegalArgumentException("need 0 <= mmrLambda <= 1 and longTailBoost >= 0");
    }
  }

  public static CandidateSettings fromConfig(Config c) {
    return new CandidateSettings(
        c.integer("reasons.top-k", 1, 1000),
        c.integer("reasons.candidates.anchors", 1, 100),
        c.integer("reasons.candidates.per-anchor", 1, 10_000),
        c.decimal("reasons.mmr.lambda", 0, 1),
        c.decimal("reasons.long-tail.boost", 0, 100));
  }
}
