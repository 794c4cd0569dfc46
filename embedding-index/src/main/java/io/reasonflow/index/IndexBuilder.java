package io.reasonflow.index;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.store.JsonLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.index.IndexWriterConfig;

/**
 * Builds a fresh item index from the feature job's {@code items.jsonl.gz}, replacing whatever index
 * was in the directory, and merges it to one segment (one graph) before the single commit.
 */
public final class IndexBuilder {
  private static final double BULK_RAM_MB = 256;

  private IndexBuilder() {}

  public static IndexBuildStats build(Path itemsJsonl, Path indexDir, IndexSettings s) {
    Objects.requireNonNull(itemsJsonl, "itemsJsonl");
    Objects.requireNonNull(indexDir, "indexDir");
    Objects.requireNonNull(s, "settings");
    if (!Files.exists(itemsJsonl)) { // one file, or the backfill's directory of parts
      throw new UserError("items file not found: " + itemsJsonl + " (run the feature job first)");
    }
    long start = System.nanoTime();
    Tally t = new Tally();
    try (ItemIndexWriter w =
        ItemIndexWriter.open(indexDir, s, IndexWriterConfig.OpenMode.CREATE, BULK_RAM_MB)) {
      JsonLines.forEach(
          itemsJsonl,
          ItemFeatures.class,
          item -> {
            t.add(item, itemsJsonl);
            w.upsert(item);
          });
      w.forceMerge();
      w.commit(t.commitData(itemsJsonl));
    }
    return t.stats(s.format(), start);
  }

  /** Running counts, and the check that every vector has the first vector's dimension. */
  static final class Tally {
    long items;
    long withoutVector;
    int dimension;
    long modelVersion;

    void add(ItemFeatures item, Path file) {
      int dim = item.vector().length;
      if (items == 0) {
        dimension = dim;
      } else if (dim != dimension) {
        throw new UserError(
            "item "
                + item.id()
                + " in "
                + file
                + " has a "
                + dim
                + "-dimensional vector, but the "
                + "items before it have "
                + dimension
                + " dimensions (mixed model outputs?)");
      }
      items++;
      if (ItemSchema.unitOrNull(item.vector()) == null) {
        withoutVector++;
      }
      modelVersion = Math.max(modelVersion, item.modelVersion());
    }

    /** What the commit records: the model version the index serves, its size and its source. */
    Map<String, String> commitData(Path file) {
      return Map.of(
          CommitKeys.MODEL_VERSION,
          Long.toString(modelVersion),
          "items",
          Long.toString(items),
          "source",
          file.toAbsolutePath().toString());
    }

    IndexBuildStats stats(VectorFormat format, long startNanos) {
      return new IndexBuildStats(
          items,
          withoutVector,
          dimension,
          modelVersion,
          format,
          (System.nanoTime() - startNanos) / 1_000_000);
    }
  }
}
