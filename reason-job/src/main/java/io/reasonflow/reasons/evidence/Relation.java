package io.reasonflow.reasons.evidence;

/** How a candidate relates to an anchor; see {@link RelationRule} for the rule that decides it. */
public enum Relation {
  /** The same kind of product: one could replace the other (two nail lacquers). */
  SUBSTITUTE,
  /**
   * A different kind of product that shoppers had together with the anchor (nail lacquer and a base
   * coat).
   */
  COMPLEMENT,
  /** Neither: related only through the embedding (or not at all). */
  RELATED
}
