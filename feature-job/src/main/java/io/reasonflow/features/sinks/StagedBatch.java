package io.reasonflow.features.sinks;

import java.util.List;

/**
 * What a store sink's writer staged between two checkpoints: the latest record per key, to be
 * applied by the committer once the checkpoint completes.
 *
 * @param checkpointId the checkpoint the batch belongs to; {@link #UNSTAMPED} until {@link
 *     StampCheckpointId} sets it (the writer is not told the id)
 * @param stagedAtMs wall-clock time the writer handed the batch over (for the commit-lag gauge)
 * @param records the records, one per key
 */
public record StagedBatch<T>(long checkpointId, long stagedAtMs, List<T> records) {
  public static final long UNSTAMPED = -1;

  public StagedBatch<T> atCheckpoint(long id) {
    return new StagedBatch<>(id, stagedAtMs, records);
  }
}
