package io.reasonflow.reasons.explain;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ROUGE F-measures as PETER reports them (its {@code rouge_score}, the TensorFlow seq2seq {@code
 * rouge} function): per sentence, ROUGE-N over the SETS of distinct n-grams, F = 2PR/(P+R); ROUGE-L
 * from the longest common subsequence with F = (1+b^2)RP/(R+b^2 P), b = P/R; each averaged over the
 * sentences and times 100. An empty hypothesis scores 0.
 */
public final class Rouge {
  private Rouge() {}

  /** ROUGE-1, ROUGE-2 and ROUGE-L F, x100. */
  public record Scores(double rouge1, double rouge2, double rougeL) {}

  public static Scores of(List<List<String>> references, List<List<String>> hypotheses) {
    if (references.size() != hypotheses.size()) {
      throw new IllegalArgumentException("references and hypotheses differ in number");
    }
    double r1 = 0;
    double r2 = 0;
    double rl = 0;
    for (int i = 0; i < references.size(); i++) {
      r1 += rougeN(references.get(i), hypotheses.get(i), 1);
      r2 += rougeN(references.get(i), hypotheses.get(i), 2);
      rl += rougeL(references.get(i), hypotheses.get(i));
    }
    int n = Math.max(1, references.size());
    return new Scores(100 * r1 / n, 100 * r2 / n, 100 * rl / n);
  }

  static double rougeN(List<String> ref, List<String> hyp, int n) {
    Set<List<String>> r = grams(ref, n);
    Set<List<String>> h = grams(hyp, n);
    if (r.isEmpty() || h.isEmpty()) {
      return 0;
    }
    Set<List<String>> both = new HashSet<>(h);
    both.retainAll(r);
    double p = (double) both.size() / h.size();
    double rec = (double) both.size() / r.size();
    return p + rec == 0 ? 0 : 2 * p * rec / (p + rec);
  }

  static double rougeL(List<String> ref, List<String> hyp) {
    if (ref.isEmpty() || hyp.isEmpty()) {
      return 0;
    }
    int lcs = lcs(ref, hyp);
    if (lcs == 0) {
      return 0;
    }
    double r = (double) lcs / ref.size();
    double p = (double) lcs / hyp.size();
    double beta = p / r;
    return (1 + beta * beta) * r * p / (r + beta * beta * p);
  }

  static int lcs(List<String> a, List<String> b) {
    int[] prev = new int[b.size() + 1];
    int[] cur = new int[b.size() + 1];
    for (int i = 1; i <= a.size(); i++) {
      for (int j = 1; j <= b.size(); j++) {
        cur[j] =
            a.get(i - 1).equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.size()];
  }

  private static Set<List<String>> grams(List<String> t, int n) {
    Set<List<String>> out = new HashSet<>();
    for (int i = 0; i + n <= t.size(); i++) {
      out.add(List.copyOf(t.subList(i, i + n)));
    }
    return out;
  }
}
