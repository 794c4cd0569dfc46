package io.reasonflow.features.sinks;

import io.reasonflow.index.ShardRouter;
import java.io.IOException;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.functions.Partitioner;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessageTypeInfo;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreCommitTopology;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreWriteTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * An exactly-once Sink V2 into a {@link CheckpointedStore} (two-phase commit):
 *
 * <ol>
 *   <li>{@link StagingWriter} stages the latest record per key and hands them over as one batch per
 *       checkpoint;
 *   <li>{@link StampCheckpointId} (pre-commit topology) writes the checkpoint id into the batch;
 *   <li>the committer operator keeps the batch in the checkpoint and, once the checkpoint
 *       completes, calls {@link StoreCommitter}, which applies it and commits it with the
 *       checkpoint id, skipping a batch the store already committed (see there).
 * </ol>
 *
 * The store becomes visible only at completed checkpoints, and after any failure it holds exactly
 * the records of the checkpoints that completed.
 *
 * <p>Run at parallelism = the store's shards ({@link CheckpointedStoreFactory#shards()}): subtask i
 * owns shard i (a shard has one writer: Lucene's write lock, one file). The sink routes its input
 * itself (pre-write topology: {@link ByShard} over each record's key, {@link StoreShard}'s
 * function), and Flink connects writer i to committer i one to one (same parallelism, forward
 * edges), so each committer commits only its shard, on its own. With one shard the input is not
 * repartitioned, and the job graph is that of the unsharded sink.
 */
public final class CheckpointCommittedSink<T>
    implements Sink<T>,
        SupportsPreWriteTopology<T>,
        SupportsCommitter<StagedBatch<T>>,
        SupportsPreCommitTopology<StagedBatch<T>, StagedBatch<T>> {
  private static final long serialVersionUID = 1L;
  private final CheckpointedStoreFactory<T> store;

  public CheckpointCommittedSink(CheckpointedStoreFactory<T> store) {
    this.store = store;
  }

  @Override
  public DataStream<T> addPreWriteTopology(DataStream<T> input) {
    if (store.shards() == 1) {
      return input;
    }
    return input.partitionCustom(new ByShard(), new ByKey<>(store.key()));
  }

  @Override
  public CommittingSinkWriter<T, StagedBatch<T>> createWriter(WriterInitContext context) {
    return new StagingWriter<>(shardOf(context.getTaskInfo()), store.name());
  }

  @Override
  public Committer<StagedBatch<T>> createCommitter(CommitterInitContext context)
      throws IOException {
    StoreShard<T> shard = shardOf(context.getTaskInfo());
    return new StoreCommitter<>(
        store.open(shard.index()),
        shard,
        context.getRestoredCheckpointId().orElse(Long.MIN_VALUE),
        context.getJobInfo().getJobId().toString(),
        store.name(),
        context.metricGroup());
  }

  /** The shard a subtask owns; the sink must run one subtask per shard. */
  private StoreShard<T> shardOf(TaskInfo task) {
    if (task.getNumberOfParallelSubtasks() != store.shards()) {
      throw new IllegalStateException(
          store.name()
              + " sink runs at parallelism "
              + task.getNumberOfParallelSubtasks()
              + " but its store has "
              + store.shards()
              + " shard(s): it must run at parallelism "
              + store.shards()
              + ", one subtask per shard (features.stream.store-shards)");
    }
    return new StoreShard<>(store.key(), task.getIndexOfThisSubtask(), store.shards());
  }

  @Override
  public SimpleVersionedSerializer<StagedBatch<T>> getCommittableSerializer() {
    return new StagedBatchSerializer<>(store.type());
  }

  @Override
  public SimpleVersionedSerializer<StagedBatch<T>> getWriteResultSerializer() {
    return new StagedBatchSerializer<>(store.type());
  }

  @Override
  public DataStream<CommittableMessage<StagedBatch<T>>> addPreCommitTopology(
      DataStream<CommittableMessage<StagedBatch<T>>> committables) {
    return committables
        .map(new StampCheckpointId<T>())
        .returns(CommittableMessageTypeInfo.of(new SerializerSupplier<>(store.type())))
        .name(store.name() + "-stamp-checkpoint-id")
        .uid(store.name() + "-stamp-checkpoint-id");
  }

  /**
   * Sends each record to the subtask owning its shard: {@link io.reasonflow.index.ShardRouter} of
   * its key over the sink's parallelism (= the shard count).
   */
  static final class ByShard implements Partitioner<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public int partition(String key, int numPartitions) {
      return ShardRouter.shardOf(key, numPartitions);
    }
  }

  /** A record's {@link RecordKey} as Flink's key selector. */
  static final class ByKey<T> implements KeySelector<T, String> {
    private static final long serialVersionUID = 1L;
    private final RecordKey<T> key;

    ByKey(RecordKey<T> key) {
      this.key = key;
    }

    @Override
    public String getKey(T record) {
      return key.key(record);
    }
  }

  /** Creates the committable serializer where the type information needs it. */
  private static final class SerializerSupplier<T>
      implements SerializableSupplier<SimpleVersionedSerializer<StagedBatch<T>>> {
    private static final long serialVersionUID = 1L;
    private final Class<T> type;

    SerializerSupplier(Class<T> type) {
      this.type = type;
    }

    @Override
    public SimpleVersionedSerializer<StagedBatch<T>> get() {
      return new StagedBatchSerializer<>(type);
    }
  }
}
