package io.reasonflow.index.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.index.ItemIndexWriter;
import io.reasonflow.index.ItemSchema;
import io.reasonflow.index.TestItems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoredItemCacheTest {
  @TempDir Path dir;

  /** Two commits, so the reader has two segments whose documents compete for slots. */
  private void index(List<ItemFeatures> items) {
    try (ItemIndexWriter w = ItemIndexWriter.open(dir, IndexSettings.DEFAULT)) {
      items.subList(0, items.size() / 2).forEach(w::upsert);
      w.commit(Map.of());
      items.subList(items.size() / 2, items.size()).forEach(w::upsert);
      w.commit(Map.of());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 8, 256})
  void everyReadIsTheStoredItemWhateverTheSlotsHold(int slots) throws Exception {
    index(TestItems.clustered(60, 3, 8, 5));
    StoredItemCache cache = new StoredItemCache(slots);
    try (Directory d = FSDirectory.open(dir);
        DirectoryReader r = DirectoryReader.open(d)) {
      assertThat(r.leaves()).hasSizeGreaterThan(1);
      for (int pass = 0; pass < 2; pass++) {
        for (int doc = 0; doc < r.maxDoc(); doc++) {
          assertThat(cache.get(r, doc))
              .isEqualTo(ItemSchema.fromDocument(r.storedFields().document(doc)));
        }
      }
    }
  }

  @Test
  void aCallerWritingToAVectorDoesNotChangeLaterReads() throws Exception {
    index(TestItems.clustered(10, 2, 8, 5));
    StoredItemCache cache = new StoredItemCache(16);
    try (Directory d = FSDirectory.open(dir);
        DirectoryReader r = DirectoryReader.open(d)) {
      ItemFeatures stored = ItemSchema.fromDocument(r.storedFields().document(3));
      cache.get(r, 3).vector()[0] += 1;
      assertThat(cache.get(r, 3)).isEqualTo(stored);
    }
  }

  @Test
  void slotsArePowersOfTwo() {
    assertThatThrownBy(() -> new StoredItemCache(12)).hasMessageContaining("power of two");
  }
}
