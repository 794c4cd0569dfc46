package io.reasonflow.features.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.features.core.ContentVectors;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.co.BatchCoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link AssembleItemFeatures} ({@code item-features}) under Flink's keyed broadcast harness, with
 * the operator BATCH mode runs it in ({@link BatchCoBroadcastWithKeyedOperator}: the broadcast
 * content model first, then the items): a learned item keeps its item2vec vector; a catalogue item
 * without one gets the vector the broadcast model gives its title; a title with no known word, or
 * no model (nothing was fitted), leaves the item without a row. Pieces and the model gathered
 * before a snapshot still count after a restore; keyed state is cleared once an item is written.
 */
class AssembleItemFeaturesHarnessTest {
  private static KeyedBroadcastOperatorTestHarness<
          String, ItemPiece, ContentVectors.Model, ItemFeatures>
      harness() throws Exception {
    return new KeyedBroadcastOperatorTestHarness<>(
        new BatchCoBroadcastWithKeyedOperator<>(
            new AssembleItemFeatures(10, 7L), List.of(AssembleItemFeatures.CONTENT_MODEL)),
        ItemPiece::item,
        Types.STRING,
        1,
        1,
        0);
  }

  private static void modelEnds(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h) throws Exception {
    ((BoundedMultiInput) h.getOperator()).endInput(2);
  }

  /** The end of every key's input: BATCH mode's end-of-time watermark on both inputs. */
  private static void keysEnd(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h) throws Exception {
    h.processWatermark(Long.MAX_VALUE);
    h.processBroadcastWatermark(Long.MAX_VALUE);
  }

  private static int keyedStateEntries(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h) {
    return ((HeapKeyedStateBackend<?>)
            ((AbstractStreamOperator<?>) h.getOperator()).getKeyedStateBackend())
        .numKeyValueStateEntries();
  }

  private static ItemPiece entry(String id, String title) {
    return ItemPiece.catalogue(Item.ofTitle(id, title));
  }

  private static List<ItemFeatures> rows(
      KeyedBroadcastOperatorTestHarness<?, ?, ?, ItemFeatures> h) {
    return h.extractOutputValues().stream().sorted(Comparator.comparing(ItemFeatures::id)).toList();
  }

  @Test
  void aColdCatalogueItemGetsTheBroadcastModelsVector() throws Exception {
    ContentVectors content = ContentFixtures.fitted(60);
    try (var h = harness()) {
      h.open();
      h.processBroadcastElement(content.model(), 0);
      modelEnds(h);
      h.processElement(entry("learned", "opi nail lacquer pink"), 0);
      h.processElement(
          ItemPiece.vector(
              "learned", new float[] {1, 0, 0, 0}, ItemFeatures.VectorSource.BEHAVIOUR),
          0);
      h.processElement(entry("cold", "OPI nail lacquer red"), 0);
      h.processElement(ItemPiece.shoppers("cold", 3), 0); // seen, but below item2vec's min-count
      h.processElement(entry("units", "12 oz pack"), 0);
      h.processElement(ItemPiece.shoppers("unseen-vector", 2), 0); // no catalogue title
      keysEnd(h);
      List<ItemFeatures> out = rows(h);
      assertThat(out).extracting(ItemFeatures::id).containsExactly("cold", "learned");
      assertThat(out.get(0).vectorSource()).isEqualTo(ItemFeatures.VectorSource.CONTENT);
      assertThat(out.get(0).vector())
          .containsExactly(content.vector("OPI nail lacquer red").orElseThrow());
      assertThat(out.get(0).shoppers()).isEqualTo(3);
      assertThat(out.get(1).vectorSource()).isEqualTo(ItemFeatures.VectorSource.BEHAVIOUR);
      assertThat(out.get(1).vector()).containsExactly(1f, 0f, 0f, 0f);
      assertThat(keyedStateEntries(h)).as("state cleared once written").isZero();
    }
  }

  @Test
  void withoutAModelAColdItemHasNoRow() throws Exception {
    try (var h = harness()) {
      h.open();
      modelEnds(h);
      h.processElement(entry("cold", "OPI nail lacquer red"), 0);
      keysEnd(h);
      assertThat(h.extractOutputValues()).isEmpty();
    }
  }

  @Test
  void anItemBeforeTheModelIsRefusedByBatchMode() throws Exception {
    try (var h = harness()) {
      h.open();
      assertThatThrownBy(() -> h.processElement(entry("cold", "OPI nail lacquer red"), 0))
          .hasMessageContaining("broadcast side");
    }
  }

  @Test
  void piecesAndTheModelSurviveASnapshotAndRestore() throws Exception {
    ContentVectors content = ContentFixtures.fitted(60);
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      h.open();
      h.processBroadcastElement(content.model(), 0);
      modelEnds(h);
      h.processElement(entry("cold", "essie top coat"), 0);
      snapshot = h.snapshot(1, 1);
    }
    try (var h = harness()) {
      h.initializeState(snapshot);
      h.open();
      modelEnds(h);
      h.processElement(ItemPiece.shoppers("cold", 1), 0);
      keysEnd(h);
      List<ItemFeatures> out = rows(h);
      assertThat(out).hasSize(1);
      assertThat(out.get(0).shoppers()).isEqualTo(1);
      assertThat(out.get(0).vector())
          .containsExactly(content.vector("essie top coat").orElseThrow());
    }
  }
}
