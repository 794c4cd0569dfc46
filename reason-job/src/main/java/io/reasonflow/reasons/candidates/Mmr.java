package io.reasonflow.reasons.candidates;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleBiFunction;

/**
 * Maximal marginal relevance: picks, one at a time, the candidate maximising
 * {@code lambda * relevance - (1 - lambda) * max similarity to those already picked}, so the top-k is not five
 * shades of the same lipstick. Relevance is the score divided by the best score (0..1, like cosine).
 */
public final class Mmr {
  private Mmr() {}

  public static List<Candidate> select(List<Candidate> scored, int k, double lambda,
      ToDoubleBiFunction<String, String> similarity) {
    List<Candidate> pool = new ArrayList<>(scored);
    List<Candidate> picked = new ArrayList<>();
    double best = pool.stream().mapToDouble(Candidate::score).max().orElse(1);
    double scale = best > 0 ? best : 1;
    while (picked.size() < k && !pool.isEmpty()) {
      int bestIndex = 0;
      double bestValue = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < pool.size(); i++) {
        Candidate c = pool.get(i);
        double redundancy = 0;
        for (Candidate p : picked) {
          redundancy = Math.max(redundancy, similarity.applyAsDouble(c.itemId(), p.itemId()));
        }
        double value = lambda * c.score() / scale - (1 - lambda) * redundancy;
        if (value > bestValue) { // strict: earlier (higher-scored, then id-ordered) candidates win ties
          bestValue = value;
          bestIndex = i;
        }
      }
      picked.add(pool.remove(bestIndex));
    }
    return picked;
  }
}
