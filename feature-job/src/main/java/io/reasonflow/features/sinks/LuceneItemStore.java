package io.reasonflow.features.sinks;

import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.CommitKeys;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.index.ItemIndexWriter;
import io.reasonflow.index.VectorFormat;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene item index as a checkpointed store: upserts by item id, Lucene commit with the commit
 * data as commit user data (where {@code ItemSearcher.commitUserData()} and the query service's
 * refresh see it). Also records {@link CommitKeys#MODEL_VERSION}, the newest model version
 * committed. A sharded index ({@link ItemIndexLayout}) is one such store per shard.
 */
public final class LuceneItemStore implements CheckpointedStore<ItemFeatures> {
  /**
   * How long to wait for the previous attempt's writer to release Lucene's write lock after a
   * failover.
   */
  private static final long LOCK_WAIT_MS = 30_000;

  private static final Logger LOG = LoggerFactory.getLogger(LuceneItemStore.class);
  private final ItemIndexWriter writer;
  private long modelVersion;

  private LuceneItemStore(ItemIndexWriter writer) {
    this.writer = writer;
    String v = writer.lastCommitUserData().get(CommitKeys.MODEL_VERSION);
    this.modelVersion = v == null ? 0 : Long.parseLong(v);
  }

  public static LuceneItemStore open(Path dir, IndexSettings settings) {
    long deadline = System.currentTimeMillis() + LOCK_WAIT_MS;
    while (true) {
      try {
        return new LuceneItemStore(ItemIndexWriter.open(dir, settings));
      } catch (UncheckedIOException e) {
        if (!(e.getCause() instanceof LockObtainFailedException)
            || System.currentTimeMillis() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for the index lock of " + dir, ie);
      }
    }
  }

  /**
   * Opens shard {@code shard} of a {@code shards}-shard index under {@code root} (the root itself
   * when {@code shards} is 1), after checking the layout on disk agrees. A shard of a sharded index
   * that has no commit yet gets an empty one at once, so that the manifest, written once every
   * shard has one, never names a shard a reader cannot open.
   */
  public static LuceneItemStore openShard(
      Path root, int shards, int shard, IndexSettings settings) {
    ItemIndexLayout.check(root, shards);
    LuceneItemStore store = open(ItemIndexLayout.shardDir(root, shards, shard), settings);
    if (shards > 1) {
      try {
        if (store.lastCommitData().isEmpty()) {
          store.commit(Map.of());
        }
        ItemIndexLayout.publishIfComplete(root, shards);
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
    }
    return store;
  }

  @Override
  public Map<String, String> lastCommitData() {
    return writer.lastCommitUserData();
  }

  @Override
  public void apply(List<ItemFeatures> records) {
    for (ItemFeatures f : records) {
      writer.upsert(f);
      modelVersion = Math.max(modelVersion, f.modelVersion());
    }
  }

  @Override
  public void commit(Map<String, String> data) {
    Map<String, String> d = new HashMap<>(data);
    d.put(CommitKeys.MODEL_VERSION, Long.toString(modelVersion));
    writer.commit(d);
  }

  /**
   * Drops what was applied since the last commit. Never throws: it runs while Flink cancels the
   * task after a failure, when the task thread's interrupt may already have invalidated Lucene's
   * lock channel; an exception from task clean-up is fatal to the whole task manager, and the
   * uncommitted changes are to be dropped anyway.
   */
  @Override
  public void close() {
    try {
      writer.close();
    } catch (RuntimeException e) {
      LOG.warn("closing the item index writer (uncommitted changes dropped): {}", e.toString());
    }
  }

  /**
   * Serialisable recipe for the store: the index directory, the {@code index.*} settings and the
   * shard count.
   */
  public record Factory(
      String dir, VectorFormat format, int maxConn, int beamWidth, double oversample, int shards)
      implements CheckpointedStoreFactory<ItemFeatures> {
    /** One unsharded index. */
    public static Factory of(Path dir, IndexSettings s) {
      return of(dir, s, 1);
    }

    public static Factory of(Path dir, IndexSettings s, int shards) {
      return new Factory(
          dir.toAbsolutePath().toString(),
          s.format(),
          s.maxConn(),
          s.beamWidth(),
          s.oversample(),
          shards);
    }

    @Override
    public CheckpointedStore<ItemFeatures> open(int shard) {
      return LuceneItemStore.openShard(
          Path.of(dir), shards, shard, new IndexSettings(format, maxConn, beamWidth, oversample));
    }

    @Override
    public void checkLayout() {
      ItemIndexLayout.check(Path.of(dir), shards);
    }

    @Override
    public Class<ItemFeatures> type() {
      return ItemFeatures.class;
    }

    @Override
    public RecordKey<ItemFeatures> key() {
      return new ItemFeaturesKey();
    }

    @Override
    public String name() {
      return "item-index";
    }
  }
}
