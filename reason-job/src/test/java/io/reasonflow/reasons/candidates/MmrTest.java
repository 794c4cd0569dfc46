package io.reasonflow.reasons.candidates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.Test;

class MmrTest {

  /**
   * The lazy selection must pick exactly what the textbook loop picks (every value recomputed over
   * all picks each round): same items in the same order, ties included, so speeding MMR up changes
   * no recommendation.
   */
  @Test
  void picksWhatRecomputingEveryRoundPicks() {
    Random random = new Random(7);
    for (int round = 0; round < 2000; round++) {
      // every other round coarse values in -1..1, which make ties common
      boolean coarse = round % 2 == 0;
      int n = random.nextInt(60);
      List<Candidate> scored = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        scored.add(
            new Candidate(
                "i" + i, coarse ? random.nextInt(5) / 4.0 : random.nextDouble(), List.of()));
      }
      double[][] sims = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++) {
          double sim = coarse ? (random.nextInt(9) - 4) / 4.0 : 2 * random.nextDouble() - 1;
          // the odd NaN (a vector with a non-finite value) must not change the picks either
          sims[i][j] = random.nextInt(100) == 0 ? Double.NaN : sim;
          sims[j][i] = sims[i][j];
        }
      }
      ToDoubleBiFunction<String, String> similarity =
          (a, b) -> sims[Integer.parseInt(a.substring(1))][Integer.parseInt(b.substring(1))];
      int k = 1 + random.nextInt(25);
      double lambda = random.nextInt(5) / 4.0;
      assertThat(Mmr.select(scored, k, lambda, similarity))
          .as("round %d", round)
          .isEqualTo(recomputingEveryRound(scored, k, lambda, similarity));
    }
  }

  @Test
  void keepsTheFirstRemainingCandidateWhenNoValueIsANumber() {
    List<Candidate> scored =
        List.of(
            new Candidate("a", 1, List.of()),
            new Candidate("b", 1, List.of()),
            new Candidate("c", 1, List.of()));
    ToDoubleBiFunction<String, String> nan = (a, b) -> Double.NaN;
    assertThat(Mmr.select(scored, 3, 0.5, nan))
        .isEqualTo(recomputingEveryRound(scored, 3, 0.5, nan))
        .extracting(Candidate::itemId)
        .containsExactly("a", "b", "c");
  }

  private static List<Candidate> recomputingEveryRound(
      List<Candidate> scored, int k, double lambda, ToDoubleBiFunction<String, String> similarity) {
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
        if (value > bestValue) {
          bestValue = value;
          bestIndex = i;
        }
      }
      picked.add(pool.remove(bestIndex));
    }
    return picked;
  }
}
