package io.reasonflow.features.seqrec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
            sequences, ITEMS, new LinearNextItem.Settings(3, 0.5, 1, 10), line -> {});
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
  }

  @Test
  void refusesCataloguesTooLargeForTheDenseInverse() {
    assertThatThrownBy(
            () ->
                LinearNextItem.train(
                    List.of(),
                    LinearNextItem.MAX_ITEMS + 1,
                    LinearNextItem.Settings.DEFAULTS,
                    l -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("linear next-item");
  }
}
