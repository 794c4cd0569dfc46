package io.reasonflow.features.sinks;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessageTypeInfo;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreCommitTopology;
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
 * the records of the checkpoints that completed. Run with parallelism 1: a store has one writer
 * (Lucene's write lock).
 */
public final class CheckpointCommittedSink<T>
    implements Sink<T>,
        SupportsCommitter<StagedBatch<T>>,
        SupportsPreCommitTopology<StagedBatch<T>, StagedBatch<T>> {
  private static final long serialVersionUID = 1L;
  private final CheckpointedStoreFactory<T> store;

  public CheckpointCommittedSink(CheckpointedStoreFactory<T> store) {
    this.store = store;
  }

  @Override
  public CommittingSinkWriter<T, StagedBatch<T>> createWriter(WriterInitContext context) {
    if (context.getTaskInfo().getNumberOfParallelSubtasks() != 1) {
      throw new IllegalStateException(
          store.name() + " sink must run with parallelism 1: the store has one writer");
    }
    return new StagingWriter<>(store.key());
  }

  @Override
  public Committer<StagedBatch<T>> createCommitter(CommitterInitContext context)
      throws IOException {
    return new StoreCommitter<>(
        store.open(),
        context.getJobInfo().getJobId().toString(),
        store.name(),
        context.metricGroup());
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
