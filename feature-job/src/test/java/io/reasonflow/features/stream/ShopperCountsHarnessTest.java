package io.reasonflow.features.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link CountShoppers} and {@link CountPairs} alone under Flink's keyed harness: a running total
 * per key, what each total emits, and the totals through a snapshot/restore (a restored count goes
 * on, it does not start over).
 */
class ShopperCountsHarnessTest {
  static KeyedOneInputStreamOperatorTestHarness<String, String, ItemSignal> harness(
      DistinctShopperCount f) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(f), k -> k, Types.STRING);
  }

  @Test
  void itemTotalsCountPerItemAndSurviveARestore() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness(new CountShoppers())) {
      h.open();
      h.processElement("a", 1);
      h.processElement("b", 2);
      h.processElement("a", 3);
      assertThat(h.extractOutputValues())
          .containsExactly(
              ItemSignal.shoppers("a", 1),
              ItemSignal.shoppers("b", 1),
              ItemSignal.shoppers("a", 2));
      snapshot = h.snapshot(1, 4);
    }
    try (var h = harness(new CountShoppers())) {
      h.initializeState(snapshot);
      h.open();
      h.processElement("a", 5);
      h.processElement("c", 6);
      assertThat(h.extractOutputValues())
          .containsExactly(ItemSignal.shoppers("a", 3), ItemSignal.shoppers("c", 1));
    }
  }

  @Test
  void pairTotalsGoToBothItemsAndSurviveARestore() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness(new CountPairs(0))) {
      h.open();
      h.processElement("a\tb", 1);
      assertThat(h.extractOutputValues())
          .containsExactly(ItemSignal.neighbour("a", "b", 1), ItemSignal.neighbour("b", "a", 1));
      snapshot = h.snapshot(1, 2);
    }
    try (var h = harness(new CountPairs(0))) {
      h.initializeState(snapshot);
      h.open();
      h.processElement("a\tb", 3);
      h.processElement("a\tc", 4);
      assertThat(h.extractOutputValues())
          .containsExactly(
              ItemSignal.neighbour("a", "b", 2), ItemSignal.neighbour("b", "a", 2),
              ItemSignal.neighbour("a", "c", 1), ItemSignal.neighbour("c", "a", 1));
    }
  }
}
