package io.reasonflow.features.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.features.core.FeatureSettings;
import io.reasonflow.features.core.Item2VecRow;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link AverageItem2Vec} under Flink's keyed harness: it emits nothing until an item's rows end
 * (the end-of-time watermark, which BATCH mode sends at every change of key), then one averaged row
 * per item, whichever worker's rows came first; rows gathered before a snapshot are still averaged
 * after a restore, and the state is cleared once an item is emitted.
 */
class AverageItem2VecHarnessTest {
  private static KeyedOneInputStreamOperatorTestHarness<String, Item2VecRow, Item2VecRow> harness()
      throws Exception {
    return harness(FeatureSettings.Merge.AVERAGE);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Item2VecRow, Item2VecRow> harness(
      FeatureSettings.Merge merge) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new AverageItem2Vec(merge)), Item2VecRow::item, Types.STRING);
  }

  private static Item2VecRow row(String item, int worker, boolean seen, float x, float y) {
    return new Item2VecRow(item, 3, worker, seen, new float[] {x, y}, new float[] {y, x});
  }

  @Test
  void averagesEachItemsRowsOnceTheyEndAcrossARestore() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      h.open();
      h.processElement(row("b", 1, true, 3, 5), 0);
      h.processElement(row("a", 1, false, 9, 9), 0);
      assertThat(h.extractOutputValues()).as("nothing before the rows end").isEmpty();
      snapshot = h.snapshot(1, 1);
    }
    try (var h = harness()) {
      h.initializeState(snapshot);
      h.open();
      h.processElement(row("a", 0, true, 1, 1), 0);
      h.processElement(row("b", 0, true, 1, 3), 0);
      h.processWatermark(Long.MAX_VALUE);
      List<Item2VecRow> out =
          h.extractOutputValues().stream().sorted(Comparator.comparing(Item2VecRow::item)).toList();
      // a: only worker 0 saw it -> syn0 (1, 1); syn1neg ((9, 9) + (1, 1)) / 2 = (5, 5)
      // b: both saw it -> syn0 ((3, 5) + (1, 3)) / 2 = (2, 4); syn1neg (4, 2)
      assertThat(out).hasSize(2);
      assertThat(out.get(0).syn0()).containsExactly(1f, 1f);
      assertThat(out.get(0).syn1neg()).containsExactly(5f, 5f);
      assertThat(out.get(1).syn0()).containsExactly(2f, 4f);
      assertThat(out.get(1).syn1neg()).containsExactly(4f, 2f);
      assertThat(h.numKeyedStateEntries()).as("state cleared once emitted").isZero();
    }
  }

  @Test
  void summedUpdatesAddEachWorkersChangeToTheStartSubtaskZeroSent() throws Exception {
    try (var h = harness(FeatureSettings.Merge.SUM)) {
      h.open();
      // start syn0 (1, 1), syn1neg (1, 1); workers moved syn0 to (2, 1) and (1, 3):
      // (1, 1) + (1, 0) + (0, 2) = (2, 3); syn1neg (1, 1) + (0, 1) + (2, 0) = (3, 2)
      h.processElement(row("a", 1, true, 1, 3), 0);
      h.processElement(row("a", -1, false, 1, 1), 0);
      h.processElement(row("a", 0, true, 2, 1), 0);
      h.processWatermark(Long.MAX_VALUE);
      List<Item2VecRow> out = h.extractOutputValues();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).syn0()).containsExactly(2f, 3f);
      assertThat(out.get(0).syn1neg()).containsExactly(3f, 2f);
    }
  }
}
