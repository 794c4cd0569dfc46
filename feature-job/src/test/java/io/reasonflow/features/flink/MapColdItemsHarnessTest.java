package io.reasonflow.features.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.features.core.ContentVectors;
import io.reasonflow.features.core.TitledItem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.co.BatchCoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link MapColdItems} ({@code map-cold-items}) under Flink's broadcast harness, with the operator
 * BATCH mode runs it in ({@link BatchCoBroadcastWithNonKeyedOperator}: the broadcast model first,
 * then the cold items): each cold item gets the vector the fitted model gives its title, a title
 * with no known word gets none, and without a model (nothing fitted) no item gets one. The model
 * survives a snapshot and restore in the broadcast state.
 */
class MapColdItemsHarnessTest {
  private static ContentVectors fitted() {
    Map<String, String> titles = new HashMap<>();
    Map<String, float[]> behaviour = new HashMap<>();
    for (TitledItem i : ContentFixtures.catalogue(60)) {
      titles.put(i.id(), i.title());
      if (!i.cold()) {
        behaviour.put(i.id(), i.vector());
      }
    }
    return ContentVectors.fit(titles, behaviour, ContentFixtures.settings(0), m -> {})
        .orElseThrow();
  }

  private static BroadcastOperatorTestHarness<TitledItem, ContentVectors.Model, ItemPiece> harness()
      throws Exception {
    return new BroadcastOperatorTestHarness<>(
        new BatchCoBroadcastWithNonKeyedOperator<>(new MapColdItems(), List.of(MapColdItems.MODEL)),
        1,
        1,
        0);
  }

  private static void broadcastEnds(
      BroadcastOperatorTestHarness<TitledItem, ContentVectors.Model, ItemPiece> h)
      throws Exception {
    ((BoundedMultiInput) h.getOperator()).endInput(2);
  }

  @Test
  void mapsEachColdTitleWithTheBroadcastModel() throws Exception {
    ContentVectors content = fitted();
    try (var h = harness()) {
      h.open();
      h.processBroadcastElement(content.model(), 0);
      broadcastEnds(h);
      h.processElement(new TitledItem("n1", "OPI nail lacquer red", null), 0);
      h.processElement(new TitledItem("n2", "12 oz pack", null), 0);
      h.processElement(new TitledItem("n3", "nioxin shampoo", null), 0);
      List<ItemPiece> out = h.extractOutputValues();
      assertThat(out).extracting(ItemPiece::item).containsExactly("n1", "n3");
      assertThat(out).allMatch(p -> p.source() == ItemFeatures.VectorSource.CONTENT);
      assertThat(out.get(0).vector())
          .containsExactly(content.vector("OPI nail lacquer red").orElseThrow());
    }
  }

  @Test
  void withoutAModelNoItemGetsAVector() throws Exception {
    try (var h = harness()) {
      h.open();
      broadcastEnds(h);
      h.processElement(new TitledItem("n1", "OPI nail lacquer red", null), 0);
      assertThat(h.extractOutputValues()).isEmpty();
    }
  }

  @Test
  void aColdItemBeforeTheModelIsRefusedByBatchMode() throws Exception {
    try (var h = harness()) {
      h.open();
      assertThatThrownBy(
              () -> h.processElement(new TitledItem("n1", "OPI nail lacquer red", null), 0))
          .hasMessageContaining("broadcast side");
    }
  }

  @Test
  void theModelSurvivesASnapshotAndRestore() throws Exception {
    ContentVectors content = fitted();
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      h.open();
      h.processBroadcastElement(content.model(), 0);
      snapshot = h.snapshot(1, 1);
    }
    try (var h = harness()) {
      h.initializeState(snapshot);
      h.open();
      broadcastEnds(h);
      h.processElement(new TitledItem("n1", "essie top coat", null), 0);
      assertThat(h.extractOutputValues()).hasSize(1);
      assertThat(h.extractOutputValues().get(0).vector())
          .containsExactly(content.vector("essie top coat").orElseThrow());
    }
  }
}
