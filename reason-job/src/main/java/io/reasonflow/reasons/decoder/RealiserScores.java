package io.reasonflow.reasons.decoder;

import java.util.Locale;

/**
 * How one realiser did on an evaluation set. Ratios are in [0, 1]; NaN where nothing was there to
 * measure.
 *
 * @param realiser {@code template} or {@code decoder}
 * @param reasons reasons written (evidence that names none of the shopper's items gets none)
 * @param faithfulBeforeVerifier share of the realiser's first-choice reasons that verify
 * @param faithfulAfterVerifier share of the reasons emitted after the verifier loop that verify
 *     (must be 1)
 * @param fallbacks reasons the verifier loop replaced with the template's (0 for the template
 *     itself)
 * @param slotErrorRate (required slots missing + slots the evidence does not back + repeated slots)
 *     / required slots, over first-choice reasons; required = {ANCHOR}, {COUNT} when a figure is
 *     quotable, else {TERM} when a term is shared (or a claim about the product's type or brand
 *     instead), and {POPULARITY} for best sellers and hidden gems when no figure is quotable;
 *     {TYPE} and {ROUTINE} are checked by the verifier, not counted here
 * @param uniqueSentenceRatio distinct delexicalised sentences / reasons
 * @param distinct2 distinct token bigrams / bigrams over the delexicalised sentences
 * @param relationAccuracy among reasons whose cited anchor is a SUBSTITUTE or COMPLEMENT, or whose
 *     wording claims a relation, the share worded with exactly the true relation
 * @param relationCases how many reasons that is
 * @param personalisation among items recommended to two or more shoppers, the share whose reasons
 *     differ between shoppers (final text)
 * @param personalisationDelexicalised the same on delexicalised sentences (wording differs, not
 *     just names)
 * @param novelty share of delexicalised sentences that are not in the bank
 */
public record RealiserScores(
    String realiser,
    int reasons,
    double faithfulBeforeVerifier,
    double faithfulAfterVerifier,
    long fallbacks,
    double slotErrorRate,
    double uniqueSentenceRatio,
    double distinct2,
    double relationAccuracy,
    int relationCases,
    double personalisation,
    double personalisationDelexicalised,
    double novelty) {

  static String header() {
    return String.format(
        Locale.ROOT,
        "%-9s %7s %9s %9s %9s %6s %7s %7s %9s %8s %8s %7s",
        "realiser",
        "reasons",
        "faithful",
        "verified",
        "fallbacks",
        "SER",
        "unique",
        "dist-2",
        "relation",
        "person.",
        "pers-dlx",
        "novel");
  }

  String row() {
    return String.format(
        Locale.ROOT,
        "%-9s %7d %9.3f %9.3f %9d %6.3f %7.3f %7.3f %9.3f %8.3f %8.3f %7.3f",
        realiser,
        reasons,
        faithfulBeforeVerifier,
        faithfulAfterVerifier,
        fallbacks,
        slotErrorRate,
        uniqueSentenceRatio,
        distinct2,
        relationAccuracy,
        personalisation,
        personalisationDelexicalised,
        novelty);
  }
}
