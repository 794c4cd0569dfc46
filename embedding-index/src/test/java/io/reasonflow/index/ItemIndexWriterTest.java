package io.reasonflow.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.search.ItemSearcher;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemIndexWriterTest {
  @TempDir Path dir;

  @Test
  void getRoundTripsItemFeaturesExactlyIncludingVectorAndUnknownPrice() {
    List<ItemFeatures> items = TestItems.clustered(30, 3, 16, 11);
    try (ItemIndexWriter w = ItemIndexWriter.open(dir, IndexSettings.DEFAULT)) {
      items.forEach(w::upsert);
      w.commit(Map.of());
    }
    try (ItemSearcher s = ItemSearcher.open(dir)) {
      for (ItemFeatures f : items) {
        assertThat(s.get(f.id())).contains(f);
      }
      assertThat(s.get(TestItems.id(9)).orElseThrow().item().hasPrice()).isFalse();
      assertThat(s.get("nope")).isEmpty();
      assertThat(s.size()).isEqualTo(30);
    }
  }

  @Test
  void itemWithoutBrandCategoryOrTitleRoundTrips() {
    ItemFeatures bare =
        new ItemFeatures(
            new Item("bare", "", null, List.of(), Double.NaN),
            new float[] {0.5f, -2f},
            1,
            ItemFeatures.VectorSource.CONTENT,
            0,
            List.of());
    try (ItemIndexWriter w = ItemIndexWriter.open(dir, IndexSettings.DEFAULT)) {
      w.upsert(bare);
      w.commit(Map.of());
    }
    try (ItemSearcher s = ItemSearcher.open(dir)) {
      assertThat(s.get("bare")).contains(bare);
    }
  }

  @Test
  void upsertReplacesDeleteRemovesAndBothShowAfterCommitAndRefresh() {
    List<ItemFeatures> items = TestItems.clustered(10, 2, 8, 5);
    try (ItemIndexWriter w = ItemIndexWriter.open(dir, IndexSettings.DEFAULT)) {
      items.forEach(w::upsert);
      w.commit(Map.of("checkpointId", "1"));
      try (ItemSearcher s = ItemSearcher.open(dir)) {
        ItemFeatures renamed =
            new ItemFeatures(
                new Item(TestItems.id(0), "renamed", null, List.of(), 1.0),
                items.get(0).vector(),
                4,
                ItemFeatures.VectorSource.BEHAVIOUR,
                99,
                List.of());
        w.upsert(renamed);
        w.delete(TestItems.id(1));
        w.commit(Map.of("checkpointId", "2"));

        assertThat(s.get(TestItems.id(1))).isPresent(); // old view until refresh
        s.refresh();
        assertThat(s.get(TestItems.id(0))).contains(renamed);
        assertThat(s.get(TestItems.id(1))).isEmpty();
        assertThat(s.size()).isEqualTo(9);
        assertThat(s.commitUserData()).containsEntry("checkpointId", "2");
      }
    }
  }

  @Test
  void commitUserDataRoundTripsAcrossReopen() {
    try (ItemIndexWriter w =
        ItemIndexWriter.open(dir, IndexSettings.DEFAULT.withFormat(VectorFormat.INT8))) {
      assertThat(w.lastCommitUserData()).isEmpty();
      w.upsert(TestItems.clustered(1, 1, 4, 1).get(0));
      w.commit(Map.of("modelVersion", "7", "checkpointId", "42"));
    }
    try (ItemIndexWriter w = ItemIndexWriter.open(dir, IndexSettings.DEFAULT)) {
      assertThat(w.lastCommitUserData())
          .containsEntry("modelVersion", "7")
          .containsEntry("checkpointId", "42")
          .containsEntry(CommitKeys.FORMAT, "INT8");
    }
  }

  @Test
  void closingWithoutCommitDropsPendingChanges() {
    try (ItemIndexWriter w = ItemIndexWriter.open(dir, IndexSettings.DEFAULT)) {
      w.upsert(TestItems.clustered(1, 1, 4, 1).get(0));
      w.commit(Map.of());
      w.delete(TestItems.id(0));
    }
    try (ItemSearcher s = ItemSearcher.open(dir)) {
      assertThat(s.size()).isEqualTo(1);
    }
  }

  @Test
  void rejectsNonFiniteVectorsNamingTheItem() {
    ItemFeatures bad = TestItems.item(3, 0, new float[] {1f, Float.NaN});
    try (ItemIndexWriter w = ItemIndexWriter.open(dir, IndexSettings.DEFAULT)) {
      assertThatThrownBy(() -> w.upsert(bad))
          .hasMessageContaining("item-3")
          .hasMessageContaining("index 1");
      assertThatThrownBy(() -> w.delete(" ")).hasMessageContaining("itemId");
    }
  }

  @Test
  void settingsComeFromConfigAndBadValuesNameTheKey() {
    IndexSettings s =
        IndexSettings.from(
            Config.defaults().with("index.format", "int4").with("index.hnsw.max-conn", "32"));
    assertThat(s).isEqualTo(new IndexSettings(VectorFormat.INT4, 32, 100, 3.0));
    assertThat(IndexSettings.from(Config.defaults())).isEqualTo(IndexSettings.DEFAULT);
    assertThatThrownBy(
            () -> IndexSettings.from(Config.defaults().with("index.rescore.oversample", "0.5")))
        .hasMessageContaining("index.rescore.oversample");
    assertThatThrownBy(() -> new IndexSettings(VectorFormat.HNSW, 1, 100, 1.0))
        .hasMessageContaining("maxConn");
  }
}
