package io.reasonflow.features.stream;

import static io.reasonflow.features.stream.BuildItemFeaturesHarnessTest.assertCoViews;
import static io.reasonflow.features.stream.BuildItemFeaturesHarnessTest.model;
import static io.reasonflow.features.stream.BuildItemFeaturesHarnessTest.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.model.ItemFeatures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link AttachShoppers} under Flink's keyed harness: a pair side leaves for the other item with
 * this item's count attached, a count change reaches every kept neighbour, the neighbour cap, and
 * its state through a snapshot/restore. Then chained into {@link BuildItemFeatures}: the keyed join
 * scores as the broadcast of every count did.
 */
class AttachShoppersHarnessTest {
  static KeyedOneInputStreamOperatorTestHarness<String, ItemSignal, ItemSignal> harness(
      StreamSettings s) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new AttachShoppers(s)), ItemSignal::item, Types.STRING);
  }

  static KeyedOneInputStreamOperatorTestHarness<String, ItemSignal, ItemSignal> opened(
      StreamSettings s) throws Exception {
    var h = harness(s);
    h.open();
    return h;
  }

  @Test
  void aPairSideGoesToTheOtherItemWithThisItemsCount() throws Exception {
    try (var h = opened(settings())) {
      h.processElement(ItemSignal.neighbour("a", "b", 1), 1); // before a's own count: 0
      h.processElement(ItemSignal.shoppers("a", 3), 2); // to a, and to its neighbour b
      h.processElement(ItemSignal.neighbour("a", "c", 2), 3);
      h.processElement(ItemSignal.neighbour("a", "b", 2), 4); // an update, not a new neighbour
      h.processElement(ItemSignal.shoppers("a", 4), 5);
      assertThat(h.extractOutputValues())
          .containsExactly(
              ItemSignal.neighbour("b", "a", 1, 0),
              ItemSignal.shoppers("a", 3),
              ItemSignal.neighbourShoppers("b", "a", 3),
              ItemSignal.neighbour("c", "a", 2, 3),
              ItemSignal.neighbour("b", "a", 2, 3),
              ItemSignal.shoppers("a", 4),
              ItemSignal.neighbourShoppers("b", "a", 4),
              ItemSignal.neighbourShoppers("c", "a", 4));
      // forwarded signals keep their event time: item-features' timers fire on it
      assertThat(h.getOutput())
          .map(r -> ((StreamRecord<?>) r).getTimestamp())
          .containsExactly(1L, 2L, 2L, 3L, 4L, 5L, 5L, 5L);
    }
  }

  @Test
  void pastTheCapTheWeakestNeighbourNoLongerHearsOfCountChanges() throws Exception {
    try (var h = opened(settings("features.stream.max-item-neighbours", "2"))) {
      h.processElement(ItemSignal.neighbour("a", "b", 5), 1);
      h.processElement(ItemSignal.neighbour("a", "c", 1), 1);
      h.processElement(ItemSignal.neighbour("a", "d", 3), 1); // three: c (1) goes
      h.processElement(ItemSignal.shoppers("a", 7), 2);
      assertThat(h.extractOutputValues().subList(3, 6))
          .containsExactlyInAnyOrder(
              ItemSignal.shoppers("a", 7),
              ItemSignal.neighbourShoppers("b", "a", 7),
              ItemSignal.neighbourShoppers("d", "a", 7));
    }
  }

  @Test
  void countAndNeighboursSurviveASnapshotAndRestore() throws Exception {
    StreamSettings s = settings();
    OperatorSubtaskState snapshot;
    try (var h = opened(s)) {
      h.processElement(ItemSignal.shoppers("a", 2), 1);
      h.processElement(ItemSignal.neighbour("a", "b", 1), 2);
      snapshot = h.snapshot(1, 3);
    }
    try (var h = harness(s)) {
      h.initializeState(snapshot);
      h.open();
      h.processElement(ItemSignal.neighbour("a", "c", 1), 4);
      h.processElement(ItemSignal.shoppers("a", 3), 5);
      assertThat(h.extractOutputValues())
          .as("the restored count is attached; the restored neighbour b hears of the change")
          .containsExactly(
              ItemSignal.neighbour("c", "a", 1, 2),
              ItemSignal.shoppers("a", 3),
              ItemSignal.neighbourShoppers("b", "a", 3),
              ItemSignal.neighbourShoppers("c", "a", 3));
    }
  }

  @Test
  void aNeighbourCountSignalAsInputIsRefused() throws Exception {
    try (var h = opened(settings())) {
      assertThatThrownBy(() -> h.processElement(ItemSignal.neighbourShoppers("a", "b", 1), 1))
          .hasMessageContaining("attach-shoppers takes counts and pair sides");
    }
  }

  /**
   * The figures of {@code BuildItemFeaturesHarnessTest}'s first case under the former broadcast (a
   * 2 shoppers, b 4, c 9; pairs a-b 2, a-c 2), now from raw counts and pair sides through the keyed
   * join, with the counts arriving after the pairs for c and before them for b.
   */
  @Test
  void chainedIntoItemFeaturesTheJoinScoresAsTheBroadcastDid() throws Exception {
    List<ItemSignal> counted =
        List.of(
            ItemSignal.shoppers("b", 4),
            ItemSignal.shoppers("a", 2),
            ItemSignal.neighbour("a", "b", 1),
            ItemSignal.neighbour("b", "a", 1),
            ItemSignal.neighbour("a", "b", 2),
            ItemSignal.neighbour("b", "a", 2),
            ItemSignal.neighbour("a", "c", 2),
            ItemSignal.neighbour("c", "a", 2),
            ItemSignal.shoppers("c", 9));
    Map<String, List<io.reasonflow.common.model.CoView>> byItem = new HashMap<>();
    try (var attach = opened(settings());
        var items = BuildItemFeaturesHarnessTest.opened(settings())) {
      items.processBroadcastElement(TestModels.publish(model(1, "a", "b", "c")), 0);
      for (ItemSignal sig : counted) {
        attach.processElement(sig, 100);
      }
      for (ItemSignal sig : attach.extractOutputValues()) {
        items.processElement(sig, 100);
      }
      BuildItemFeaturesHarnessTest.watermark(items, 100);
      for (ItemFeatures f : items.extractOutputValues()) {
        byItem.put(f.id(), f.coViews());
      }
    }
    // a: b 2 / sqrt(2 * 4), c 2 / sqrt(2 * 9); b: a 2 / sqrt(4 * 2); c: a 2 / sqrt(9 * 2)
    assertCoViews(byItem.get("a"), "b", 2, 2 / Math.sqrt(8), "c", 2, 2 / Math.sqrt(18));
    assertCoViews(byItem.get("b"), "a", 2, 2 / Math.sqrt(8));
    assertCoViews(byItem.get("c"), "a", 2, 2 / Math.sqrt(18));
  }
}
