package io.reasonflow.features.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.features.core.ContentModelFile;
import io.reasonflow.features.core.ContentVectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AssembleItemFeatures} ({@code item-features}) under Flink's keyed harness, with a real
 * content model file on disk: when an item's input ends (the end-of-time watermark, which BATCH
 * mode sends at every change of key), a learned item keeps its item2vec vector; a catalogue item
 * without one gets the vector the run's model gives its title; a title with no known word, or no
 * model file (nothing was fitted), leaves the item without a row; another run's model is refused.
 * Pieces gathered before a snapshot still count after a restore; state is cleared once an item is
 * written.
 */
class AssembleItemFeaturesHarnessTest {
  private static final long VERSION = 7L;

  @TempDir Path dir;

  private Path file() {
    return dir.resolve(ContentModelFile.FILE_NAME);
  }

  private KeyedOneInputStreamOperatorTestHarness<String, ItemPiece, ItemFeatures> harness()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new AssembleItemFeatures(10, VERSION, file().toString())),
        ItemPiece::item,
        Types.STRING);
  }

  private static ItemPiece entry(String id, String title) {
    return ItemPiece.catalogue(Item.ofTitle(id, title));
  }

  private static List<ItemFeatures> rows(
      KeyedOneInputStreamOperatorTestHarness<String, ItemPiece, ItemFeatures> h) {
    return h.extractOutputValues().stream().sorted(Comparator.comparing(ItemFeatures::id)).toList();
  }

  @Test
  void aColdCatalogueItemGetsTheRunsModelVector() throws Exception {
    ContentVectors content = ContentFixtures.fitted(60);
    ContentModelFile.write(file(), VERSION, content.model());
    try (var h = harness()) {
      h.open();
      h.processElement(entry("learned", "opi nail lacquer pink"), 0);
      h.processElement(
          ItemPiece.vector(
              "learned", new float[] {1, 0, 0, 0}, ItemFeatures.VectorSource.BEHAVIOUR),
          0);
      h.processElement(entry("cold", "OPI nail lacquer red"), 0);
      h.processElement(ItemPiece.shoppers("cold", 3), 0); // seen, but below item2vec's min-count
      h.processElement(entry("units", "12 oz pack"), 0);
      h.processElement(ItemPiece.shoppers("no-title", 2), 0); // no catalogue entry, no vector
      h.processWatermark(Long.MAX_VALUE);
      List<ItemFeatures> out = rows(h);
      assertThat(out).extracting(ItemFeatures::id).containsExactly("cold", "learned");
      assertThat(out.get(0).vectorSource()).isEqualTo(ItemFeatures.VectorSource.CONTENT);
      assertThat(out.get(0).vector())
          .containsExactly(content.vector("OPI nail lacquer red").orElseThrow());
      assertThat(out.get(0).shoppers()).isEqualTo(3);
      assertThat(out.get(0).modelVersion()).isEqualTo(VERSION);
      assertThat(out.get(1).vectorSource()).isEqualTo(ItemFeatures.VectorSource.BEHAVIOUR);
      assertThat(out.get(1).vector()).containsExactly(1f, 0f, 0f, 0f);
      assertThat(h.numKeyedStateEntries()).as("state cleared once written").isZero();
    }
  }

  @Test
  void withoutAModelFileAColdItemHasNoRow() throws Exception {
    try (var h = harness()) {
      h.open();
      h.processElement(entry("cold", "OPI nail lacquer red"), 0);
      h.processWatermark(Long.MAX_VALUE);
      assertThat(h.extractOutputValues()).isEmpty();
    }
  }

  @Test
  void anotherRunsModelIsRefused() throws Exception {
    ContentModelFile.write(file(), VERSION - 1, ContentFixtures.fitted(60).model());
    try (var h = harness()) {
      h.open();
      h.processElement(entry("cold", "OPI nail lacquer red"), 0);
      assertThatThrownBy(() -> h.processWatermark(Long.MAX_VALUE))
          .isInstanceOf(IOException.class)
          .hasMessage(file() + " holds the content model of run 6, not of this run, 7");
    }
  }

  @Test
  void piecesGatheredBeforeASnapshotCountAfterARestore() throws Exception {
    ContentVectors content = ContentFixtures.fitted(60);
    ContentModelFile.write(file(), VERSION, content.model());
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      h.open();
      h.processElement(entry("cold", "essie top coat"), 0);
      snapshot = h.snapshot(1, 1);
    }
    try (var h = harness()) {
      h.initializeState(snapshot);
      h.open();
      h.processElement(ItemPiece.shoppers("cold", 1), 0);
      h.processWatermark(Long.MAX_VALUE);
      List<ItemFeatures> out = rows(h);
      assertThat(out).hasSize(1);
      assertThat(out.get(0).shoppers()).isEqualTo(1);
      assertThat(out.get(0).vector())
          .containsExactly(content.vector("essie top coat").orElseThrow());
    }
  }
}
