package io.reasonflow.features.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.features.core.TitledItem;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link TitleAndVector} ({@code content-items}) under Flink's keyed harness: when an item's input
 * ends (the end-of-time watermark, which BATCH mode sends at every change of key) it emits the
 * item's title with its vector, and a cold item (no vector) also to the cold output; a vector
 * without a catalogue entry emits nothing; pieces gathered before a snapshot count after a restore;
 * state is cleared once an item is emitted.
 */
class TitleAndVectorHarnessTest {
  private static KeyedOneInputStreamOperatorTestHarness<String, ItemPiece, TitledItem> harness()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new TitleAndVector()), ItemPiece::item, Types.STRING);
  }

  private static ItemPiece entry(String id, String title) {
    return ItemPiece.catalogue(Item.ofTitle(id, title));
  }

  private static ItemPiece vector(String id, float... v) {
    return ItemPiece.vector(id, v, ItemFeatures.VectorSource.BEHAVIOUR);
  }

  private static List<TitledItem> cold(
      KeyedOneInputStreamOperatorTestHarness<String, ItemPiece, TitledItem> h) {
    return h.getSideOutput(TitleAndVector.COLD).stream().map(StreamRecord::getValue).toList();
  }

  @Test
  void emitsEachCatalogueItemWithItsVectorAndTheColdOnesApartAcrossARestore() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      h.open();
      h.processElement(vector("learned", 0.6f, 0.8f), 0);
      h.processElement(entry("cold", "OPI nail lacquer red"), 0);
      assertThat(h.extractOutputValues()).as("nothing before the items end").isEmpty();
      snapshot = h.snapshot(1, 1);
    }
    try (var h = harness()) {
      h.initializeState(snapshot);
      h.open();
      h.processElement(entry("learned", "OPI nail lacquer pink"), 0);
      h.processElement(vector("no-entry", 1, 0), 0);
      h.processWatermark(Long.MAX_VALUE);
      List<TitledItem> out =
          h.extractOutputValues().stream().sorted(Comparator.comparing(TitledItem::id)).toList();
      assertThat(out).extracting(TitledItem::id).containsExactly("cold", "learned");
      assertThat(out.get(0).cold()).isTrue();
      assertThat(out.get(0).title()).isEqualTo("OPI nail lacquer red");
      assertThat(out.get(1).vector()).containsExactly(0.6f, 0.8f);
      assertThat(cold(h)).extracting(TitledItem::id).containsExactly("cold");
      assertThat(h.numKeyedStateEntries()).as("state cleared once emitted").isZero();
    }
  }

  @Test
  void aCoViewPieceIsRefused() throws Exception {
    try (var h = harness()) {
      h.open();
      assertThatThrownBy(() -> h.processElement(ItemPiece.shoppers("a", 3), 0))
          .hasMessageContaining("content-items takes catalogue entries and vectors");
    }
  }
}
