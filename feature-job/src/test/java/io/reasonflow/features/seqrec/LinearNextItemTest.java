package io.reasonflow.features.seqrec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Solves the linear next-item model on a small sample whose next item is fixed by the newest one
 * (every item has one successor, a random permutation), so the model must rank it first, while
 * popularity (every item equally common) cannot tell.
 */
class LinearNextItemTest {
  private static final int ITEMS = 60;

  /** float32 solve of a small, well-conditioned system. */
  private static final float EPS = 1e-5f;

  @Test
  void ranksEachItemsSuccessorFirst() {
    Random rnd = new Random(11);
    List<Integer> perm = new ArrayList<>(IntStream.range(0, ITEMS).boxed().toList());
    Collections.shuffle(perm, rnd);
    int[] next = perm.stream().mapToInt(Integer::intValue).toArray();
    List<int[]> sequences = new ArrayList<>();
    for (int u = 0; u < 500; u++) {
      int[] seq = new int[3 + rnd.nextInt(8)];
      seq[0] = rnd.nextInt(ITEMS);
      for (int t = 1; t < seq.length; t++) {
        seq[t] = next[seq[t - 1]];
      }
      sequences.add(seq);
    }
    LinearNextItem m =
        LinearNextItem.train(
            sequences, ITEMS, new LinearNextItem.Settings(3, 0.5, 1, 10, 1), line -> {});
    int hits = 0;
    for (int start = 0; start < ITEMS; start++) {
      int[] history = {start, next[start], next[next[start]]};
      double[] acc = new double[ITEMS];
      m.addScores(history, acc);
      int best = 0;
      for (int c = 1; c < ITEMS; c++) {
        if (acc[c] > acc[best]) {
          best = c;
        }
      }
      if (best == next[history[2]]) {
        hits++;
      }
    }
    assertThat(hits).isEqualTo(ITEMS);
  }

  /**
   * Below the minimum count an item is solved on the diagonal. With window 1 every source row holds
   * one item, so the Gram matrix is diagonal (an item's count as a predecessor, plus l2) and the
   * exact solve is hand-computable: 50 shoppers walk 0..9, two more walk 8, 9, 10, 4. Item 10 (seen
   * twice, below min-count 3) precedes 4 twice: B[10][4] = 2 / (2 + 1). Item 9 (seen 52 times, in
   * the dense solve) is a predecessor only in the two walks, of 10: B[9][10] = 2 / (2 + 1). Item 3:
   * B[3][4] = 50 / (50 + 1).
   */
  @Test
  void itemsBelowTheMinimumCountAreSolvedOnTheDiagonal() {
    List<int[]> sequences = new ArrayList<>();
    for (int u = 0; u < 50; u++) {
      sequences.add(IntStream.range(0, 10).toArray());
    }
    sequences.add(new int[] {8, 9, 10, 4});
    sequences.add(new int[] {8, 9, 10, 4});
    LinearNextItem m =
        LinearNextItem.train(sequences, 11, new LinearNextItem.Settings(1, 1, 1, 20, 3), l -> {});
    assertThat(m.targets(10)).containsExactly(4);
    assertThat(m.weights(10)[0]).isCloseTo(2f / 3, within(EPS));
    assertThat(m.targets(9)).containsExactly(10);
    assertThat(m.weights(9)[0]).isCloseTo(2f / 3, within(EPS));
    assertThat(m.targets(3)).containsExactly(4);
    assertThat(m.weights(3)[0]).isCloseTo(50f / 51, within(EPS));
    // the same at min-count 1 (every item in the dense solve): the matrix is diagonal anyway
    LinearNextItem exact =
        LinearNextItem.train(sequences, 11, new LinearNextItem.Settings(1, 1, 1, 20, 1), l -> {});
    assertThat(exact.weights(10)[0]).isCloseTo(2f / 3, within(EPS));
  }

  @Test
  void defaultsAreTheReferenceFile() {
    assertThat(LinearNextItem.Settings.from(io.reasonflow.common.config.Config.defaults()))
        .isEqualTo(LinearNextItem.Settings.DEFAULTS);
  }

  @Test
  void keepsTheLargestWeightsInOrder() {
    float[] acc = {0, 3, -1, 7, 0, 5, 2};
    assertThat(LinearNextItem.top(acc, 3)).containsExactly(3, 5, 1);
    assertThat(LinearNextItem.top(acc, 10)).containsExactly(3, 5, 1, 6, 2);
    // the same row held sparsely (in another order, with a zero entry)
    LinearNextItem.Row r =
        LinearNextItem.topOf(new int[] {6, 1, 4, 3, 5}, new float[] {2, 3, 0, 7, 5}, 3);
    assertThat(r.targets()).containsExactly(3, 5, 1);
    assertThat(r.weights()).containsExactly(7, 5, 3);
  }

  @Test
  void refusesCataloguesTooLargeForTheDenseInverse() {
    assertThatThrownBy(
            () ->
                LinearNextItem.train(
                    List.of(IntStream.range(0, LinearNextItem.MAX_ITEMS + 1).toArray()),
                    LinearNextItem.MAX_ITEMS + 1,
                    LinearNextItem.Settings.DEFAULTS,
                    l -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("linear next-item");
  }
}
