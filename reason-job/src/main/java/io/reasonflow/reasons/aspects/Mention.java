package io.reasonflow.reasons.aspects;

/**
 * One opinion on one aspect in one sentence of a review.
 *
 * @param aspect the aspect's key ({@link AspectLexicon#key})
 * @param polarity +1 praise, -1 complaint, after negation and "too"
 * @param intensity how strongly (1 plain, 2 "really great", 0.5 "somewhat" or a negated "too")
 * @param opinion the opinion word or phrase as the lexicon has it
 * @param negated whether a negator flipped it
 * @param sentence the sentence it was read from
 */
public record Mention(
    String aspect,
    int polarity,
    double intensity,
    String opinion,
    boolean negated,
    String sentence) {

  /** Signed strength: what a review's mentions of one aspect are summed by. */
  public double score() {
    return polarity * intensity;
  }
}
