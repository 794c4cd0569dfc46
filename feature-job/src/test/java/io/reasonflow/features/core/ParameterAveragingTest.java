package io.reasonflow.features.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The averaging step of data-parallel item2vec, on rows small enough to average by hand. */
class ParameterAveragingTest {
  private static Item2VecRow row(int worker, boolean seen, float[] syn0, float[] syn1neg) {
    return new Item2VecRow("a", 7, worker, seen, syn0, syn1neg);
  }

  @Test
  void theInputVectorIsAveragedOverTheShardsThatHeldTheItemTheOutputVectorOverAll() {
    // worker 0 saw "a": syn0 (1, 2); worker 1 did not and returns the previous (0, 0)
    // syn0 = (1, 2) / 1; syn1neg = ((4, 0) + (2, 2)) / 2 = (3, 1)
    Item2VecRow avg =
        ParameterAveraging.average(
            List.of(
                row(1, false, new float[] {0, 0}, new float[] {2, 2}),
                row(0, true, new float[] {1, 2}, new float[] {4, 0})));
    assertThat(avg.syn0()).containsExactly(1f, 2f);
    assertThat(avg.syn1neg()).containsExactly(3f, 1f);
    assertThat(avg.item()).isEqualTo("a");
    assertThat(avg.count()).isEqualTo(7);
    assertThat(avg.worker()).isEqualTo(-1);
    assertThat(avg.seen()).isTrue();
  }

  @Test
  void bothSeenGivesThePlainMeanAndNoneSeenKeepsThePreviousVector() {
    // (1, 3) and (3, 5) -> (2, 4); unseen everywhere: all copies are (5, 5) -> (5, 5)
    Item2VecRow both =
        ParameterAveraging.average(
            List.of(
                row(0, true, new float[] {1, 3}, new float[] {0, 0}),
                row(1, true, new float[] {3, 5}, new float[] {0, 0})));
    assertThat(both.syn0()).containsExactly(2f, 4f);
    Item2VecRow none =
        ParameterAveraging.average(
            List.of(
                row(0, false, new float[] {5, 5}, new float[] {1, 1}),
                row(1, false, new float[] {5, 5}, new float[] {3, 3})));
    assertThat(none.syn0()).containsExactly(5f, 5f);
    assertThat(none.syn1neg()).containsExactly(2f, 2f);
    assertThat(none.seen()).isFalse();
  }

  @Test
  void theResultDoesNotDependOnTheOrderTheRowsArrivedIn() {
    // five workers with values of very different magnitudes, where float addition is not
    // associative: summing in arrival order would give different bits for different orders
    Random r = new Random(3);
    List<Item2VecRow> rows = new ArrayList<>();
    for (int w = 0; w < 5; w++) {
      float[] v = new float[8];
      for (int k = 0; k < v.length; k++) {
        v[k] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(8) - 4));
      }
      rows.add(row(w, true, v, v.clone()));
    }
    Item2VecRow expected = ParameterAveraging.average(rows);
    for (int shuffle = 0; shuffle < 20; shuffle++) {
      Collections.shuffle(rows, r);
      Item2VecRow got = ParameterAveraging.average(rows);
      assertThat(got.syn0()).containsExactly(expected.syn0());
      assertThat(got.syn1neg()).containsExactly(expected.syn1neg());
    }
  }

  @Test
  void rowsOfDifferentItemsOrDimensionsAreRefused() {
    assertThatThrownBy(() -> ParameterAveraging.average(List.of())).hasMessageContaining("empty");
    assertThatThrownBy(
            () ->
                ParameterAveraging.average(
                    List.of(
                        row(0, true, new float[] {1}, new float[] {1}),
                        new Item2VecRow("b", 7, 1, true, new float[] {1}, new float[] {1}))))
        .hasMessageContaining("different items");
    assertThatThrownBy(
            () ->
                ParameterAveraging.average(
                    List.of(
                        row(0, true, new float[] {1}, new float[] {1}),
                        row(1, true, new float[] {1, 2}, new float[] {1, 2}))))
        .hasMessageContaining("dimensions");
  }

  @Test
  void summingAddsEveryWorkersChangeToTheRoundsStart() {
    // start syn0 (1, 1), syn1neg (0, 0); worker 0 moved syn0 to (2, 1) and syn1neg to (1, 0);
    // worker 1 moved syn0 to (1, 3) and syn1neg to (0, 1):
    // syn0 = (1, 1) + (1, 0) + (0, 2) = (2, 3); syn1neg = (0, 0) + (1, 0) + (0, 1) = (1, 1)
    Item2VecRow start = row(-1, false, new float[] {1, 1}, new float[] {0, 0});
    Item2VecRow merged =
        ParameterAveraging.sumUpdates(
            List.of(
                row(1, false, new float[] {1, 3}, new float[] {0, 1}),
                start,
                row(0, true, new float[] {2, 1}, new float[] {1, 0})));
    assertThat(merged.syn0()).containsExactly(2f, 3f);
    assertThat(merged.syn1neg()).containsExactly(1f, 1f);
    assertThat(merged.worker()).isEqualTo(-1);
    assertThat(merged.seen()).isTrue();
    // averaging ignores the starting row: syn0 over the shard that saw the item, (2, 1)
    assertThat(
            ParameterAveraging.merge(
                    List.of(
                        start,
                        row(0, true, new float[] {2, 1}, new float[] {1, 0}),
                        row(1, false, new float[] {1, 3}, new float[] {0, 1})),
                    FeatureSettings.Merge.AVERAGE)
                .syn0())
        .containsExactly(2f, 1f);
  }

  @Test
  void summingNeedsExactlyOneStartAndDoesNotDependOnArrivalOrder() {
    assertThatThrownBy(
            () ->
                ParameterAveraging.sumUpdates(
                    List.of(row(0, true, new float[] {1}, new float[] {1}))))
        .hasMessageContaining("no starting row");
    Random r = new Random(5);
    List<Item2VecRow> rows = new ArrayList<>();
    rows.add(row(-1, false, new float[] {0.5f, -2f, 1e-3f}, new float[] {0f, 3f, -1f}));
    for (int w = 0; w < 5; w++) {
      float[] v = new float[3];
      for (int k = 0; k < v.length; k++) {
        v[k] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(6) - 3));
      }
      rows.add(row(w, true, v, v.clone()));
    }
    Item2VecRow expected = ParameterAveraging.sumUpdates(rows);
    for (int shuffle = 0; shuffle < 20; shuffle++) {
      Collections.shuffle(rows, r);
      assertThat(ParameterAveraging.sumUpdates(rows).syn0()).containsExactly(expected.syn0());
    }
  }
}
