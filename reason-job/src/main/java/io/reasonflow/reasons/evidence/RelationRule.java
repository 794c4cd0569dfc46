package io.reasonflow.reasons.evidence;

import io.reasonflow.common.config.Config;

/**
 * Decides {@link Relation} from data alone, so the verifier can recompute it:
 *
 * <ol>
 *   <li>SUBSTITUTE when the salient title terms overlap (Jaccard) at least {@code substituteOverlap}, or the item
 *       vectors have cosine at least {@code substituteCosine}: the titles (or the embedding, for items whose titles
 *       say little) describe the same kind of product.
 *   <li>otherwise COMPLEMENT when at least one shopper had both items in one session: a different kind of product
 *       that goes with the anchor.
 *   <li>otherwise RELATED.
 * </ol>
 * The cosine threshold is high on purpose: item2vec puts complements close too (they share sessions), so only
 * near-duplicates count as substitutes by vector.
 */
public record RelationRule(TitleTerms terms, double substituteOverlap, double substituteCosine) {

  public static RelationRule fromConfig(Config config, TitleTerms terms) {
    return new RelationRule(terms, config.decimal("reasons.relation.substitute-overlap", 0, 1),
        config.decimal("reasons.relation.substitute-cosine", -1, 1));
  }

  public Relation classify(String titleA, float[] vectorA, String titleB, float[] vectorB, int coViewCount) {
    if (terms.overlap(titleA, titleB) >= substituteOverlap
        || Vectors.cosine(vectorA, vectorB) >= substituteCosine) {
      return Relation.SUBSTITUTE;
    }
    return coViewCount > 0 ? Relation.COMPLEMENT : Relation.RELATED;
  }

  /** How the verdict was reached, for the evidence's provenance. */
  public String describe() {
    return "SUBSTITUTE if title-term Jaccard >= " + substituteOverlap + " or cosine >= " + substituteCosine
        + ", else COMPLEMENT if co-viewed, else RELATED";
  }
}
