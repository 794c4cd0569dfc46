package io.reasonflow.bench.index;

import io.reasonflow.common.Progress;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.index.ItemIndexWriter;
import io.reasonflow.index.search.ItemFilter;
import io.reasonflow.index.search.ItemSearcher;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriterConfig;

/**
 * The production path: items written by {@link ItemIndexWriter} in one vector format (merged to one
 * segment and committed, as {@code IndexBuilder} does), queried through {@link
 * ItemSearcher#nearest} with the beam under test. Query times therefore include what serving pays
 * besides the graph: rescoring and reading each hit's stored item.
 */
final class LuceneEngine implements Engine {
  /**
   * Indexing buffer: large, so a million vectors flush as few segments and the final merge has
   * little to do.
   */
  private static final double RAM_MB = 512;

  private final IndexSettings settings;
  private final int threads;
  private ItemSearcher searcher;
  private Path dir;
  private double buildSeconds;
  private long sizeBytes;

  LuceneEngine(IndexSettings settings, int threads) {
    this.settings = settings;
    this.threads = threads;
  }

  @Override
  public String name() {
    return "lucene-" + settings.format();
  }

  @Override
  public boolean approximate() {
    return true;
  }

  @Override
  public void build(BenchData data, Path workDir, PrintStream out) throws Exception {
    dir = workDir.resolve(name());
    float[][] v = data.vectors();
    Progress progress = new Progress(out, name() + " build " + data.name(), v.length);
    long start = System.nanoTime();
    try (ItemIndexWriter w =
        ItemIndexWriter.open(dir, settings, IndexWriterConfig.OpenMode.CREATE, RAM_MB)) {
      AtomicLong done = new AtomicLong();
      // IndexWriter indexes from several threads at once, each into its own segment
      StridedWorkers.run(
          "bench-index",
          threads,
          v.length,
          i -> {
            w.upsert(item(i, v[i]));
            long n = done.incrementAndGet();
            if (n % 5_000 == 0) {
              progress.update(n);
            }
          });
      progress.update(v.length);
      w.forceMerge();
      w.commit(Map.of());
    }
    buildSeconds = (System.nanoTime() - start) / 1e9;
    progress.done("indexed, merged and committed");
    sizeBytes = directorySize(dir);
    searcher = ItemSearcher.open(dir);
  }

  static ItemFeatures item(int i, float[] vector) {
    return new ItemFeatures(
        new Item(Integer.toString(i), "", null, List.of(), Double.NaN),
        vector,
        1,
        ItemFeatures.VectorSource.BEHAVIOUR,
        0,
        List.of());
  }

  @Override
  public double buildSeconds() {
    return buildSeconds;
  }

  @Override
  public long sizeBytes() {
    return sizeBytes;
  }

  @Override
  public int[] search(float[] q, int k, int ef) {
    return Engine.ids(
        searcher.nearest(q, k, Set.of(), ItemFilter.NONE, ef),
        hit -> Integer.parseInt(hit.itemId()));
  }

  @Override
  public void close() {
    if (searcher != null) {
      searcher.close();
    }
    if (dir != null) {
      deleteTree(dir);
    }
  }

  static long directorySize(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("deleting " + dir, e);
    }
  }
}
