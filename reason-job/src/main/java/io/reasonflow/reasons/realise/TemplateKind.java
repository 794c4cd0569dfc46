package io.reasonflow.reasons.realise;

/**
 * What a template says, from the strongest evidence to the weakest; the realiser uses the first one
 * that holds.
 */
public enum TemplateKind {
  /** A quotable co-view figure, the candidate a COMPLEMENT of the anchor. */
  COMPLEMENT_FIGURE,
  /** A quotable co-view figure, any other relation. */
  COVIEW_FIGURE,
  /** A salient term in both titles. */
  SHARED_TERM,
  /** Vector similarity at or above {@code reasons.relation.similar-cosine}. */
  SIMILAR,
  /** Nothing specific: the candidate was found from the shopper's recent items. */
  FROM_RECENT,
  /** The popularity sentence appended after any of the above (BEST_SELLER or HIDDEN_GEM only). */
  POPULARITY
}
