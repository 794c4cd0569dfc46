package io.reasonflow.reasons.decoder;

import io.reasonflow.reasons.evidence.PopularityBucket;
import io.reasonflow.reasons.evidence.Relation;
import io.reasonflow.reasons.realise.Slot;
import java.util.Random;

/**
 * Synthesises evidence for a bank sentence to be trained on. A sentence is paired only with
 * evidence that backs everything it says (a {COUNT} sentence with a quotable figure, a "goes well
 * with" sentence with a COMPLEMENT...). Evidence the sentence does not use is kept available only
 * with probability {@code unusedKeep} per kind, so the decoder learns that when a figure is there,
 * sentences quoting it are the likely ones.
 *
 * <p>The evidence is drawn as the data makes it, with one deliberate exception: a sentence that
 * words no relation is paired with RELATED (unless the relation is kept as unused evidence), also
 * when it quotes a figure, although co-viewed items are always COMPLEMENT or SUBSTITUTE at
 * inference. That keeps relation-less wording away from evidence whose relation a reason should
 * say.
 */
public final class ConditionSampler {
  private final double unusedKeep;

  public ConditionSampler(double unusedKeep) {
    if (!(unusedKeep >= 0 && unusedKeep <= 1)) {
      throw new IllegalArgumentException("unusedKeep must be in [0, 1], got " + unusedKeep);
    }
    this.unusedKeep = unusedKeep;
  }

  public AnchorFacts sample(BankSentence s, Random rnd) {
    boolean usesFigure = s.slots().contains(Slot.COUNT) || s.slots().contains(Slot.SHARE);
    boolean quotable = usesFigure || rnd.nextDouble() < unusedKeep;
    boolean term = s.slots().contains(Slot.TERM) || rnd.nextDouble() < unusedKeep;
    boolean similar = s.assertions().contains(Assertion.SIMILAR) || rnd.nextDouble() < unusedKeep;
    Relation relation;
    if (s.assertions().contains(Assertion.COMPLEMENT)) {
      relation = Relation.COMPLEMENT;
    } else if (s.assertions().contains(Assertion.SUBSTITUTE)) {
      relation = Relation.SUBSTITUTE;
    } else if (rnd.nextDouble() < unusedKeep) {
      // a relation the wording leaves unsaid
      relation = rnd.nextBoolean() ? Relation.COMPLEMENT : Relation.SUBSTITUTE;
    } else {
      // RELATED even next to a quotable figure, which real co-viewed pairs never are: were the
      // figure sentences that leave the relation unsaid paired with COMPLEMENT or SUBSTITUTE (as
      // the data would make them), the decoder would learn to leave a true relation unsaid about as
      // often as to word it (measured: relation accuracy 0.4-0.5 on the Beauty sample). Trained
      // this way, the wording follows the relation it is given.
      relation = Relation.RELATED;
    }
    PopularityBucket bucket;
    if (s.slots().contains(Slot.POPULARITY)) {
      bucket = rnd.nextBoolean() ? PopularityBucket.BEST_SELLER : PopularityBucket.HIDDEN_GEM;
    } else if (rnd.nextDouble() < unusedKeep) {
      bucket = rnd.nextBoolean() ? PopularityBucket.BEST_SELLER : PopularityBucket.HIDDEN_GEM;
    } else {
      bucket = PopularityBucket.POPULAR;
    }
    int coViews = quotable ? 5 + (int) Math.floor(Math.exp(rnd.nextDouble() * Math.log(200))) : 0;
    int denominator = quotable ? 1 + rnd.nextInt(30) : 0;
    double similarity = similar ? 0.5 + rnd.nextDouble() * 0.5 : rnd.nextDouble() * 0.5;
    return new AnchorFacts(
        quotable, term, similar, relation, bucket, coViews, denominator, similarity);
  }
}
