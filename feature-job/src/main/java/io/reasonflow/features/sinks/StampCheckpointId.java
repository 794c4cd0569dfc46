package io.reasonflow.features.sinks;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;

/**
 * Writes the checkpoint id into each staged batch. Sink V2 tells neither the writer (at {@code
 * prepareCommit}) nor the committer which checkpoint a committable belongs to; only the messages
 * between them carry it. The committer needs it to recognise, after a restore, a batch the store
 * already committed.
 */
public final class StampCheckpointId<T>
    implements MapFunction<CommittableMessage<StagedBatch<T>>, CommittableMessage<StagedBatch<T>>> {
  private static final long serialVersionUID = 1L;

  @Override
  public CommittableMessage<StagedBatch<T>> map(CommittableMessage<StagedBatch<T>> m) {
    if (m instanceof CommittableWithLineage<StagedBatch<T>> c) {
      long id = c.getCheckpointId();
      return c.map(b -> b.atCheckpoint(id));
    }
    return m; // a summary: counts only
  }
}
