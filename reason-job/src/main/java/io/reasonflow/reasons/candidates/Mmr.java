package io.reasonflow.reasons.candidates;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleBiFunction;

/**
 * Maximal marginal relevance: picks, one at a time, the candidate maximising {@code lambda *
 * relevance - (1 - lambda) * max similarity to those already picked}, so the top-k is not five
 * shades of the same lipstick. Relevance is the score divided by the best score (0..1, like
 * cosine). Ties go to the earlier candidate (higher-scored, then id-ordered).
 *
 * <p>Computed lazily, with the same picks as recomputing every value every round: a candidate's max
 * similarity only grows as picks are added, so a value computed against fewer picks is an upper
 * bound. Each round brings only the candidate with the highest bound up to date, until the highest
 * is up to date; MMR's similarities were the largest single cost of a recommendation, and most
 * candidates are never close to winning.
 */
public final class Mmr {
  private Mmr() {}

  public static List<Candidate> select(
      List<Candidate> scored, int k, double lambda, ToDoubleBiFunction<String, String> similarity) {
    Selection s = new Selection(scored, lambda, similarity);
    while (s.picked.size() < Math.min(k, scored.size())) {
      s.pick(s.next());
    }
    return s.picked;
  }

  private static final class Selection {
    private final List<Candidate> scored;
    private final double lambda;
    private final double scale;
    private final ToDoubleBiFunction<String, String> similarity;
    private final List<Candidate> picked = new ArrayList<>();
    private final boolean[] taken;

    /** Max similarity of each candidate to the first {@link #folded} picks. */
    private final double[] redundancy;

    private final int[] folded;

    Selection(
        List<Candidate> scored, double lambda, ToDoubleBiFunction<String, String> similarity) {
      this.scored = scored;
      this.lambda = lambda;
      this.similarity = similarity;
      double best = scored.stream().mapToDouble(Candidate::score).max().orElse(1);
      this.scale = best > 0 ? best : 1;
      this.taken = new boolean[scored.size()];
      this.redundancy = new double[scored.size()];
      this.folded = new int[scored.size()];
    }

    /**
     * The winner of this round. The first candidate with the highest bound wins once its bound is
     * exact: no other can be higher, and none before it equal, because each one's value is at most
     * its bound.
     */
    int next() {
      while (true) {
        int best = highestBound();
        if (folded[best] == picked.size()) {
          return best;
        }
        foldPicks(best);
      }
    }

    void pick(int i) {
      taken[i] = true;
      picked.add(scored.get(i));
    }

    /**
     * The first remaining candidate with the highest value so far; the first remaining if none
     * beats -inf.
     */
    private int highestBound() {
      int best = firstRemaining();
      double bestValue = Double.NEGATIVE_INFINITY;
      for (int i = best; i < scored.size(); i++) {
        double value = taken[i] ? Double.NaN : value(i);
        if (value > bestValue) {
          bestValue = value;
          best = i;
        }
      }
      return best;
    }

    private double value(int i) {
      return lambda * scored.get(i).score() / scale - (1 - lambda) * redundancy[i];
    }

    /**
     * Brings candidate {@code i}'s max similarity up to date, over the picks in the order they were
     * made.
     */
    private void foldPicks(int i) {
      for (int p = folded[i]; p < picked.size(); p++) {
        redundancy[i] =
            Math.max(
                redundancy[i],
                similarity.applyAsDouble(scored.get(i).itemId(), picked.get(p).itemId()));
      }
      folded[i] = picked.size();
    }

    private int firstRemaining() {
      int i = 0;
      while (taken[i]) {
        i++;
      }
      return i;
    }
  }
}
