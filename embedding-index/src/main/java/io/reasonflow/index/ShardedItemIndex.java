package io.reasonflow.index;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.store.JsonLines;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.apache.lucene.index.IndexWriterConfig;

/**
 * Writes a sharded item index ({@link ShardLayout}): one {@link ItemIndexWriter} per shard, each
 * item routed to the shard {@link ShardRouter} names. Shards are independent Lucene indexes, so
 * they are written, merged and committed in parallel: in one process by {@link #writeAll}, or by
 * separate writers such as one Flink sink subtask per shard ({@link #openShard}). Search them all
 * as one index with {@code ItemSearcher.open(root)}.
 */
public final class ShardedItemIndex implements Closeable {
  private static final double BULK_RAM_MB = 256;

  /**
   * Items buffered per writer thread in {@link #writeAll}: enough to keep the threads busy, bounded
   * in memory.
   */
  private static final int QUEUE_CAPACITY = 1024;

  /** Tells a writer thread its input has ended; compared by identity, never indexed. */
  private static final ItemFeatures END =
      new ItemFeatures(
          Item.ofTitle("end-of-input", ""),
          new float[1],
          0,
          ItemFeatures.VectorSource.CONTENT,
          0,
          List.of());

  private final ShardLayout layout;
  private final List<ItemIndexWriter> writers;

  private ShardedItemIndex(ShardLayout layout, List<ItemIndexWriter> writers) {
    this.layout = layout;
    this.writers = writers;
  }

  /** Opens (creating when absent) all {@code shards} shards under {@code root}. */
  public static ShardedItemIndex open(Path root, int shards, IndexSettings settings) {
    return open(root, shards, settings, IndexWriterConfig.OpenMode.CREATE_OR_APPEND, 64);
  }

  static ShardedItemIndex open(
      Path root,
      int shards,
      IndexSettings settings,
      IndexWriterConfig.OpenMode mode,
      double ramMbPerShard) {
    Objects.requireNonNull(settings, "settings");
    ShardLayout layout = ShardLayout.create(root, shards);
    List<ItemIndexWriter> writers = new ArrayList<>(shards);
    try {
      for (int i = 0; i < shards; i++) {
        writers.add(ItemIndexWriter.open(layout.shardDir(i), settings, mode, ramMbPerShard));
      }
    } catch (RuntimeException e) {
      writers.forEach(ItemIndexWriter::close);
      throw e;
    }
    return new ShardedItemIndex(layout, List.copyOf(writers));
  }

  /**
   * Opens the writer of one shard only, for a writer that owns that shard (a sink subtask fed
   * exactly the items with {@code ShardRouter.shardOf(id, shards) == shard}). Creates the manifest
   * when absent.
   */
  public static ItemIndexWriter openShard(
      Path root, int shards, int shard, IndexSettings settings) {
    ShardLayout layout = ShardLayout.create(root, shards);
    return ItemIndexWriter.open(layout.shardDir(shard), settings);
  }

  /**
   * Builds a fresh sharded index from the feature job's {@code items.jsonl.gz}, replacing whatever
   * index was in the shard directories: routes, indexes and merges the shards in parallel, then
   * commits every shard.
   */
  public static IndexBuildStats build(
      Path itemsJsonl, Path root, int shards, IndexSettings settings) {
    Objects.requireNonNull(itemsJsonl, "itemsJsonl");
    if (!Files.exists(itemsJsonl)) { // one file, or the backfill's directory of parts
      throw new UserError("items file not found: " + itemsJsonl + " (run the feature job first)");
    }
    long start = System.nanoTime();
    IndexBuilder.Tally t = new IndexBuilder.Tally();
    try (ShardedItemIndex index =
        open(
            root,
            shards,
            settings,
            IndexWriterConfig.OpenMode.CREATE,
            Math.max(32, BULK_RAM_MB / shards))) {
      index.writeAll(
          consumer ->
              JsonLines.forEach(
                  itemsJsonl,
                  ItemFeatures.class,
                  item -> {
                    t.add(item, itemsJsonl);
                    consumer.accept(item);
                  }),
          n -> {});
      index.forceMerge();
      index.commit(t.commitData(itemsJsonl));
    }
    return t.stats(settings.format(), start);
  }

  public ShardLayout layout() {
    return layout;
  }

  /** The writer of shard {@code i}. */
  public ItemIndexWriter shard(int i) {
    return writers.get(i);
  }

  /** Adds the item to its shard, or replaces it there. Thread-safe. */
  public void upsert(ItemFeatures item) {
    Objects.requireNonNull(item, "item");
    writers.get(layout.shardOf(item.id())).upsert(item);
  }

  /** Deletes the item from its shard; deleting an absent id does nothing. */
  public void delete(String itemId) {
    writers.get(layout.shardOf(itemId)).delete(itemId);
  }

  /** Pushes items into a sink; the sink is only valid during the call. */
  @FunctionalInterface
  public interface Source {
    void forEach(Consumer<ItemFeatures> sink);
  }

  /**
   * Indexes every item {@code source} gives, with one writer thread per core (each owning a fixed
   * set of shards, so no two threads touch one shard) while the calling thread reads and routes.
   *
   * @param progress called on the calling thread with the running count, every 10,000 items
   * @return items written
   */
  public long writeAll(Source source, IntConsumer progress) {
    int threads = Math.min(layout.shards(), Runtime.getRuntime().availableProcessors());
    List<BlockingQueue<ItemFeatures>> queues = new ArrayList<>(threads);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread th = new Thread(r, "shard-writer");
              th.setDaemon(true);
              return th;
            });
    List<Future<?>> workers = new ArrayList<>(threads);
    long[] count = {0};
    try {
      for (int w = 0; w < threads; w++) {
        BlockingQueue<ItemFeatures> q = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        queues.add(q);
        workers.add(pool.submit(() -> drain(q)));
      }
      source.forEach(
          item -> {
            int shard = layout.shardOf(item.id());
            ItemSchema.checkVector(
                item.id(), item.vector()); // fail on the reading thread, naming the item
            put(queues.get(shard % threads), item, workers);
            if (++count[0] % 10_000 == 0) {
              progress.accept((int) Math.min(Integer.MAX_VALUE, count[0]));
            }
          });
      for (BlockingQueue<ItemFeatures> q : queues) {
        put(q, END, workers);
      }
      awaitAll(workers);
      return count[0];
    } finally {
      pool.shutdownNow();
    }
  }

  private Void drain(BlockingQueue<ItemFeatures> q) throws InterruptedException {
    for (ItemFeatures item = q.take(); item != END; item = q.take()) {
      upsert(item);
    }
    return null;
  }

  /**
   * Blocks while the queue is full, but gives up as soon as a writer thread has failed (it would
   * never drain).
   */
  private static void put(
      BlockingQueue<ItemFeatures> q, ItemFeatures item, List<Future<?>> workers) {
    try {
      while (!q.offer(item, 100, TimeUnit.MILLISECONDS)) {
        for (Future<?> w : workers) {
          if (w.isDone()) {
            awaitAll(List.of(w));
            throw new IllegalStateException("a shard writer stopped early");
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while indexing", e);
    }
  }

  /** Merges every shard to one segment, shards in parallel. */
  public void forceMerge() {
    parallel(ItemIndexWriter::forceMerge);
  }

  /**
   * Commits every shard with {@code userData}, shards in parallel. Each shard's commit is atomic,
   * the set is not: a searcher refreshing meanwhile may see some shards' new commits only. Publish
   * a freshly built index as a new version ({@link IndexVersions}) when all shards must switch at
   * once.
   */
  public void commit(Map<String, String> userData) {
    parallel(w -> w.commit(userData));
  }

  /** Documents in all shards including not yet committed changes. */
  public long pendingDocs() {
    long n = 0;
    for (ItemIndexWriter w : writers) {
      n += w.pendingDocs();
    }
    return n;
  }

  /** Closes every shard without committing. */
  @Override
  public void close() {
    RuntimeException first = null;
    for (ItemIndexWriter w : writers) {
      try {
        w.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void parallel(Consumer<ItemIndexWriter> op) {
    int threads = Math.min(writers.size(), Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>(writers.size());
      for (ItemIndexWriter w : writers) {
        done.add(pool.submit(() -> op.accept(w)));
      }
      awaitAll(done);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits for all, rethrowing the first failure as it was thrown. */
  private static void awaitAll(List<? extends Future<?>> futures) {
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for shard writers", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException("shard writer failed", e.getCause());
      }
    }
  }

  /** Iterates {@code items} as a {@link Source}. */
  public static Source of(Iterable<ItemFeatures> items) {
    return sink -> {
      Iterator<ItemFeatures> it = items.iterator();
      while (it.hasNext()) {
        sink.accept(it.next());
      }
    };
  }
}
