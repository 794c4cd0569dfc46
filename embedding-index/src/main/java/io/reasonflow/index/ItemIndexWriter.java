package io.reasonflow.index;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.ItemFeatures;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Adds, replaces and deletes items in an on-disk item index. Changes become visible to searchers at
 * {@link #commit(Map)} (searchers pick them up on refresh). Thread-safe, as Lucene's {@link
 * IndexWriter} is.
 */
public final class ItemIndexWriter implements Closeable {
  private final Directory directory;
  private final IndexWriter writer;
  private final IndexSettings settings;

  private ItemIndexWriter(Directory directory, IndexWriter writer, IndexSettings settings) {
    this.directory = directory;
    this.writer = writer;
    this.settings = settings;
  }

  /** Opens the index at {@code dir}, creating it (and the directory) when absent. */
  public static ItemIndexWriter open(Path dir, IndexSettings settings) {
    return open(dir, settings, IndexWriterConfig.OpenMode.CREATE_OR_APPEND, 64);
  }

  /**
   * Opens with an explicit open mode and indexing buffer: bulk loads use a large buffer so they
   * flush (and later merge) fewer, larger segments.
   */
  public static ItemIndexWriter open(
      Path dir, IndexSettings settings, IndexWriterConfig.OpenMode mode, double ramMb) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(settings, "settings");
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UserError("index path " + dir + " is a file, not a directory");
    }
    Directory d = null;
    try {
      Files.createDirectories(dir);
      d = FSDirectory.open(dir);
      IndexWriterConfig cfg =
          new IndexWriterConfig(analyzer())
              .setOpenMode(mode)
              .setCodec(ItemCodec.forSettings(settings))
              .setRAMBufferSizeMB(ramMb);
      return new ItemIndexWriter(d, new IndexWriter(d, cfg), settings);
    } catch (IOException e) {
      closeQuietly(d);
      throw new UncheckedIOException("opening index writer at " + dir, e);
    }
  }

  /** The analyzer of the title field, shared by writer and searcher so BM25 terms line up. */
  public static Analyzer analyzer() {
    return new org.apache.lucene.analysis.en.EnglishAnalyzer();
  }

  public IndexSettings settings() {
    return settings;
  }

  /** Adds the item, or replaces the item with the same id. */
  public void upsert(ItemFeatures item) {
    Objects.requireNonNull(item, "item");
    ItemSchema.checkVector(item.id(), item.vector());
    try {
      writer.updateDocument(ItemSchema.idTerm(item.id()), ItemSchema.toDocument(item));
    } catch (IOException e) {
      throw new UncheckedIOException("indexing item " + item.id(), e);
    }
  }

  /** Deletes the item; deleting an absent id does nothing. */
  public void delete(String itemId) {
    if (itemId == null || itemId.isBlank()) {
      throw new IllegalArgumentException("itemId must not be blank");
    }
    try {
      writer.deleteDocuments(ItemSchema.idTerm(itemId));
    } catch (IOException e) {
      throw new UncheckedIOException("deleting item " + itemId, e);
    }
  }

  /**
   * Makes every change so far durable and visible to searchers that refresh, tagged with {@code
   * userData} (for example {@code modelVersion} and {@code checkpointId}). The writer adds its
   * format keys ({@link CommitKeys}).
   */
  public void commit(Map<String, String> userData) {
    Map<String, String> data = new HashMap<>(userData == null ? Map.of() : userData);
    data.put(CommitKeys.FORMAT, settings.format().name());
    data.put(CommitKeys.OVERSAMPLE, Double.toString(settings.oversample()));
    data.put(CommitKeys.EF_SEARCH, Integer.toString(settings.efSearch()));
    writer.setLiveCommitData(data.entrySet());
    try {
      writer.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("committing index", e);
    }
  }

  /** User data of the latest durable commit, empty when nothing was committed yet. */
  public Map<String, String> lastCommitUserData() {
    try {
      if (!DirectoryReader.indexExists(directory)) {
        return Map.of();
      }
      return Map.copyOf(SegmentInfos.readLatestCommit(directory).getUserData());
    } catch (IOException e) {
      throw new UncheckedIOException("reading last commit", e);
    }
  }

  /** Merges down to one segment: one HNSW graph searches faster than several. For bulk loads. */
  public void forceMerge() {
    try {
      writer.forceMerge(1);
    } catch (IOException e) {
      throw new UncheckedIOException("merging index", e);
    }
  }

  /** Documents including not yet committed changes. */
  public int pendingDocs() {
    return writer.getDocStats().numDocs;
  }

  /** Closes without committing: uncommitted changes are dropped, as a crash would drop them. */
  @Override
  public void close() {
    try {
      writer.rollback();
    } catch (IOException e) {
      throw new UncheckedIOException("closing index writer", e);
    } finally {
      closeQuietly(directory);
    }
  }

  private static void closeQuietly(Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // already failing or closing; the first error is the one worth reporting
      }
    }
  }
}
