package io.reasonflow.features.sinks;

import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.CommitKeys;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.index.ItemIndexWriter;
import io.reasonflow.index.ShardLayout;
import io.reasonflow.index.ShardRouter;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.api.common.functions.Partitioner;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The backfill's index as a parallel sink: subtask i of n writes shard i of an n-shard index
 * ({@link ShardLayout}) under one root, fed by {@link ByShard} exactly the items {@link
 * ShardRouter} routes to shard i; at the end of input it merges its shard to one segment and
 * commits it. The sharded searcher reads the root as one index, so the whole index is one version
 * to publish. BATCH mode only: a re-run subtask (a failed region is re-run from its blocking input)
 * recreates its shard from scratch, so no shard holds a partial first attempt.
 */
public final class IndexShardSink implements Sink<ItemFeatures> {
  private static final long serialVersionUID = 1L;

  /** Each shard's indexing buffer; several shards may share a TaskManager. */
  private static final double RAM_MB = 64;

  private final String root;
  private final IndexSettings settings;
  private final long modelVersion;

  public IndexShardSink(Path root, IndexSettings settings, long modelVersion) {
    this.root = root.toAbsolutePath().toString();
    this.settings = settings;
    this.modelVersion = modelVersion;
  }

  @Override
  public SinkWriter<ItemFeatures> createWriter(WriterInitContext context) {
    int shards = context.getTaskInfo().getNumberOfParallelSubtasks();
    int shard = context.getTaskInfo().getIndexOfThisSubtask();
    ShardLayout layout = ShardLayout.create(Path.of(root), shards);
    return new Writer(
        ItemIndexWriter.open(
            layout.shardDir(shard),
            settings,
            org.apache.lucene.index.IndexWriterConfig.OpenMode.CREATE,
            RAM_MB),
        shards,
        shard,
        modelVersion);
  }

  /**
   * Sends each item to the subtask that owns its shard: {@link ShardRouter} over the sink's
   * parallelism.
   */
  public static final class ByShard implements Partitioner<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public int partition(String itemId, int numPartitions) {
      return ShardRouter.shardOf(itemId, numPartitions);
    }
  }

  private static final class Writer implements SinkWriter<ItemFeatures> {
    private final ItemIndexWriter writer;
    private final int shards;
    private final int shard;
    private final long modelVersion;
    private long items;

    Writer(ItemIndexWriter writer, int shards, int shard, long modelVersion) {
      this.writer = writer;
      this.shards = shards;
      this.shard = shard;
      this.modelVersion = modelVersion;
    }

    @Override
    public void write(ItemFeatures item, Context context) {
      int owner = ShardRouter.shardOf(item.id(), shards);
      if (owner != shard) {
        throw new IllegalStateException(
            "item "
                + item.id()
                + " belongs to shard "
                + owner
                + ", not "
                + shard
                + ": feed this sink through IndexShardSink.ByShard");
      }
      writer.upsert(item);
      items++;
    }

    @Override
    public void flush(boolean endOfInput) {
      if (endOfInput) {
        writer.forceMerge();
        writer.commit(
            Map.of(
                CommitKeys.MODEL_VERSION,
                Long.toString(modelVersion),
                "items",
                Long.toString(items),
                "shard",
                shard + "/" + shards));
      }
    }

    @Override
    public void close() {
      writer.close();
    }
  }
}
