package io.reasonflow.reasons.decoder;

import java.util.List;
import java.util.Locale;

/**
 * The side-by-side comparison {@link ReasonEvaluator} produces.
 *
 * @param locale the language evaluated
 * @param cases recommendations evaluated
 * @param scores one row per realiser, the template baseline first
 * @param heldOutPerplexity the decoder's per-token perplexity on the bank sentences it never
 *     trained on (NaN without a decoder)
 */
public record EvaluationReport(
    String locale, int cases, List<RealiserScores> scores, double heldOutPerplexity) {
  public EvaluationReport {
    scores = List.copyOf(scores);
  }

  public RealiserScores scores(String realiser) {
    return scores.stream()
        .filter(s -> s.realiser().equals(realiser))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no scores for " + realiser));
  }

  /** A plain-text table for the console. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(Locale.ROOT, "reason evaluation (%s), %d recommendations%n", locale, cases));
    sb.append(RealiserScores.header()).append('\n');
    scores.forEach(s -> sb.append(s.row()).append('\n'));
    sb.append(String.format(Locale.ROOT, "decoder held-out perplexity: %.2f%n", heldOutPerplexity));
    return sb.toString();
  }
}
