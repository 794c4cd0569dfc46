package io.reasonflow.reasons.decoder;

import io.reasonflow.reasons.evidence.AnchorEvidence;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.evidence.PopularityBucket;
import io.reasonflow.reasons.evidence.Relation;
import io.reasonflow.reasons.realise.Slot;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the evidence lets a reason about one anchor say: the decoder is conditioned on it and
 * constrained by it. Built from real {@link Evidence} at inference and synthesised by {@link
 * ConditionSampler} for training.
 *
 * @param quotable a co-view figure may be quoted ({COUNT}, {SHARE})
 * @param sharedTerm a salient term is in both titles ({TERM})
 * @param similar the item vectors are at least {@code reasons.relation.similar-cosine} alike
 *     ("close to")
 * @param relation the relation rule's verdict
 * @param bucket the candidate's popularity bucket ({POPULARITY} only for BEST_SELLER and
 *     HIDDEN_GEM)
 * @param coViews the co-view figure, 0 unless quotable
 * @param shareDenominator N of "1 in N", 0 unless quotable
 * @param similarity the vector cosine
 */
public record AnchorFacts(
    boolean quotable,
    boolean sharedTerm,
    boolean similar,
    Relation relation,
    PopularityBucket bucket,
    int coViews,
    int shareDenominator,
    double similarity) {

  public static AnchorFacts of(AnchorEvidence a, Evidence e, double similarCosine) {
    return new AnchorFacts(
        a.quotable() && a.coViews() != null && a.share() != null,
        !a.sharedTerms().value().isEmpty(),
        a.similarity().value() >= similarCosine,
        a.relation().value(),
        e.popularity().bucket(),
        a.quotable() && a.coViews() != null ? a.coViews().value() : 0,
        a.quotable() && a.share() != null ? a.share().denominator() : 0,
        a.similarity().value());
  }

  /** Whether a reason about this anchor may fill {@code slot}. */
  public boolean supports(Slot slot) {
    return switch (slot) {
      case ANCHOR, ACTION -> true;
      case COUNT, SHARE, CO_ACTION -> quotable;
      case TERM -> sharedTerm;
      case POPULARITY -> bucket != PopularityBucket.POPULAR;
      case TYPE, ROUTINE -> false; // the decoder's bank has no type wording yet
      case ASPECT, ASPECT_COUNT, ASPECT_OF, ASPECT_SHARE, USER_ASPECT -> false; // nor aspects
      case ATTRIBUTE -> false; // nor catalogue attributes
    };
  }

  /** Whether wording that asserts {@code a} is true of this anchor. */
  public boolean supports(Assertion a) {
    return switch (a) {
      case COMPLEMENT -> relation == Relation.COMPLEMENT;
      case SUBSTITUTE -> relation == Relation.SUBSTITUTE;
      case SIMILAR -> similar;
    };
  }

  /**
   * The slots a reason about this anchor must quote to rest on the strongest evidence, as the
   * template realiser's reasons do: {ANCHOR}; {COUNT} when a figure is quotable, else {TERM} when a
   * term is shared; {POPULARITY} for a best seller or a hidden gem. (The slot error rate of {@link
   * ReasonEvaluator} counts a missing one as an error.)
   */
  public Set<Slot> strongest() {
    Set<Slot> out = EnumSet.of(Slot.ANCHOR);
    if (quotable) {
      out.add(Slot.COUNT);
    } else if (sharedTerm) {
      out.add(Slot.TERM);
    }
    if (bucket != PopularityBucket.POPULAR) {
      out.add(Slot.POPULARITY);
    }
    return out;
  }

  /** How much a reason about this anchor can say; the realiser cites the richest anchor. */
  public int richness() {
    return (quotable ? 8 : 0)
        + (sharedTerm ? 4 : 0)
        + (similar ? 2 : 0)
        + (relation != Relation.RELATED ? 1 : 0);
  }
}
