package io.reasonflow.features.sinks;

import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.index.ItemSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * What a reader opening the item index directory sees: the latest durable commit, nothing staged.
 */
final class IndexOnDisk {
  static final IndexSettings SETTINGS =
      new IndexSettings(IndexSettings.DEFAULT.format(), 8, 32, 3.0);

  private IndexOnDisk() {}

  static ItemFeatures item(String id, long modelVersion) {
    return new ItemFeatures(
        Item.ofTitle(id, "title of " + id),
        new float[] {0.6f, 0.8f},
        modelVersion,
        ItemFeatures.VectorSource.BEHAVIOUR,
        1,
        List.of());
  }

  /** Live documents by item id (empty when nothing was ever committed). */
  static Map<String, ItemFeatures> docs(Path dir) throws IOException {
    Map<String, ItemFeatures> out = new TreeMap<>();
    try (Directory d = FSDirectory.open(dir)) {
      if (!DirectoryReader.indexExists(d)) {
        return out;
      }
      try (DirectoryReader r = DirectoryReader.open(d)) {
        Bits live = org.apache.lucene.index.MultiBits.getLiveDocs(r);
        for (int doc = 0; doc < r.maxDoc(); doc++) {
          if (live == null || live.get(doc)) {
            ItemFeatures f = ItemSchema.fromDocument(r.storedFields().document(doc));
            if (out.put(f.id(), f) != null) {
              throw new AssertionError("two live documents for item " + f.id());
            }
          }
        }
      }
    }
    return out;
  }

  /** Item id to model version of the live documents. */
  static Map<String, Long> versions(Path dir) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    docs(dir).forEach((id, f) -> out.put(id, f.modelVersion()));
    return out;
  }

  static Map<String, String> commitData(Path dir) throws IOException {
    try (Directory d = FSDirectory.open(dir)) {
      return DirectoryReader.indexExists(d)
          ? SegmentInfos.readLatestCommit(d).getUserData()
          : Map.of();
    }
  }

  /** The latest commit's generation: it grows by one with every Lucene commit. */
  static long generation(Path dir) throws IOException {
    try (Directory d = FSDirectory.open(dir)) {
      return DirectoryReader.indexExists(d) ? SegmentInfos.readLatestCommit(d).getGeneration() : 0;
    }
  }
}
