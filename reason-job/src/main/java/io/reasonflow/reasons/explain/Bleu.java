package io.reasonflow.reasons.explain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus-level BLEU as PETER computes it (its {@code bleu_score}, which calls the TensorFlow NMT
 * {@code compute_bleu} with one reference per sentence and {@code smooth=False}): clipped n-gram
 * matches and possible n-grams are summed over the corpus for each order up to {@code maxOrder},
 * the geometric mean of the precisions (0 if any order has no match: no smoothing) times the
 * brevity penalty {@code exp(1 - r/c)} when the hypotheses are shorter in total than the
 * references; times 100. BLEU-1 is {@code maxOrder} 1, BLEU-4 is 4.
 */
public final class Bleu {
  private Bleu() {}

  public static double corpus(
      List<List<String>> references, List<List<String>> hypotheses, int maxOrder) {
    if (references.size() != hypotheses.size()) {
      throw new IllegalArgumentException("references and hypotheses differ in number");
    }
    if (maxOrder < 1) {
      throw new IllegalArgumentException("maxOrder must be positive");
    }
    long[] matches = new long[maxOrder];
    long[] possible = new long[maxOrder];
    long refLength = 0;
    long hypLength = 0;
    for (int s = 0; s < references.size(); s++) {
      List<String> ref = references.get(s);
      List<String> hyp = hypotheses.get(s);
      refLength += ref.size();
      hypLength += hyp.size();
      Map<List<String>, Integer> refCounts = ngrams(ref, maxOrder);
      for (var e : ngrams(hyp, maxOrder).entrySet()) {
        matches[e.getKey().size() - 1] +=
            Math.min(e.getValue(), refCounts.getOrDefault(e.getKey(), 0));
      }
      for (int n = 1; n <= maxOrder; n++) {
        possible[n - 1] += Math.max(0, hyp.size() - n + 1);
      }
    }
    double logSum = 0;
    for (int n = 0; n < maxOrder; n++) {
      if (possible[n] == 0 || matches[n] == 0) {
        return 0;
      }
      logSum += Math.log((double) matches[n] / possible[n]) / maxOrder;
    }
    double ratio = (double) hypLength / Math.max(1, refLength);
    double bp = ratio > 1 ? 1 : Math.exp(1 - 1 / ratio);
    return 100 * Math.exp(logSum) * bp;
  }

  static Map<List<String>, Integer> ngrams(List<String> tokens, int maxOrder) {
    Map<List<String>, Integer> out = new HashMap<>();
    for (int n = 1; n <= maxOrder; n++) {
      for (int i = 0; i + n <= tokens.size(); i++) {
        out.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
      }
    }
    return out;
  }
}
