package io.reasonflow.features.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.store.CoViewTable;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link CountPairs} under Flink's keyed operator harness: each input is one more shopper of a
 * pair, and with a state TTL a pair that no shopper added to for the TTL (on the harness's
 * processing-time TTL clock) starts again, also across a snapshot/restore.
 */
class CountPairsHarnessTest {
  static final long TTL = 86_400_000; // 1d
  static final String AB = CoViewTable.key("a", "b");

  static KeyedOneInputStreamOperatorTestHarness<String, String, ItemSignal> harness(long ttlMs)
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new CountPairs(ttlMs)), p -> p, Types.STRING);
  }

  /**
   * One more shopper of {@code pair} at TTL-clock time {@code now}; returns the count it reports.
   */
  static int add(
      KeyedOneInputStreamOperatorTestHarness<String, String, ItemSignal> h, String pair, long now)
      throws Exception {
    h.setStateTtlProcessingTime(now);
    h.processElement(pair, 0);
    var out = h.extractOutputValues();
    ItemSignal last = out.get(out.size() - 1);
    assertThat(out.get(out.size() - 2))
        .as("both items hear the count")
        .isEqualTo(ItemSignal.neighbour(last.other(), last.item(), last.count()));
    return last.count();
  }

  @Test
  void eachShopperAddsOneToBothItemsOfThePair() throws Exception {
    try (var h = harness(0)) {
      h.open();
      h.processElement(AB, 0);
      h.processElement(AB, 0);
      assertThat(h.extractOutputValues())
          .containsExactly(
              ItemSignal.neighbour("a", "b", 1), ItemSignal.neighbour("b", "a", 1),
              ItemSignal.neighbour("a", "b", 2), ItemSignal.neighbour("b", "a", 2));
    }
  }

  @Test
  void aPairNobodyAddedToForTheTtlStartsAgainAndEveryShopperRestartsItsClock() throws Exception {
    try (var h = harness(TTL)) {
      h.open();
      assertThat(add(h, AB, 0)).isEqualTo(1);
      assertThat(add(h, AB, TTL - 1)).as("within the TTL of the first").isEqualTo(2);
      assertThat(add(h, AB, 2 * TTL - 2))
          .as("within the TTL of the second, 2 TTL - 2 after the first")
          .isEqualTo(3);
      assertThat(add(h, AB, 3 * TTL - 2))
          .as("exactly the TTL after the third: forgotten")
          .isEqualTo(1);
    }
  }

  @Test
  void theTtlRunsOnAcrossASnapshotAndRestore() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness(TTL)) {
      h.open();
      add(h, AB, 1_000);
      add(h, AB, 2_000);
      snapshot = h.snapshot(1, 1);
    }
    try (var h = harness(TTL)) {
      h.setStateTtlProcessingTime(2_000 + TTL - 1);
      h.initializeState(snapshot);
      h.open();
      assertThat(add(h, AB, 2_000 + TTL - 1)).as("restored, within the TTL").isEqualTo(3);
    }
    try (var h = harness(TTL)) {
      h.setStateTtlProcessingTime(2_000 + TTL);
      h.initializeState(snapshot);
      h.open();
      assertThat(add(h, AB, 2_000 + TTL)).as("restored after the TTL").isEqualTo(1);
    }
  }

  @Test
  void withoutATtlACountIsKeptForever() throws Exception {
    try (var h = harness(0)) {
      h.open();
      add(h, AB, 0);
      assertThat(add(h, AB, Long.MAX_VALUE / 2)).isEqualTo(2);
    }
  }

  /**
   * A running job can have the TTL turned on at a restart (Flink 2.2 migrates state written without
   * a TTL, here on the heap backend): the counts are kept, and from the restore on they expire like
   * any other.
   */
  @Test
  void turningTheTtlOnAtARestoreKeepsTheCountsWhichThenExpire() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness(0)) {
      h.open();
      add(h, AB, 1_000);
      snapshot = h.snapshot(1, 1);
    }
    try (var h = harness(TTL)) {
      h.setStateTtlProcessingTime(2_000);
      h.initializeState(snapshot);
      h.open();
      assertThat(add(h, AB, 2_000)).as("the count written without a TTL is kept").isEqualTo(2);
      assertThat(add(h, AB, 2_000 + TTL)).as("and now expires").isEqualTo(1);
    }
  }
}
