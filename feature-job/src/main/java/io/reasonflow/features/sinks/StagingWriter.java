package io.reasonflow.features.sinks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;

/**
 * Phase one: keeps the latest record per key since the last checkpoint and hands them over as one
 * batch when the checkpoint starts. Nothing reaches the store here; what is staged and not yet
 * checkpointed is lost on failure and produced again by the replay from the checkpoint.
 *
 * <p>Every checkpoint hands over a batch, an empty one too: the committer then commits every
 * checkpoint, so each store (each shard of a sharded one) names in its commit data the checkpoint
 * it reflects, whether or not its records changed; readers of a sharded index take the lowest of
 * its shards' checkpoints as the index's.
 */
final class StagingWriter<T> implements CommittingSinkWriter<T, StagedBatch<T>> {
  private final StoreShard<T> shard;
  private final String store;
  private Map<String, T> staged = new LinkedHashMap<>();

  /**
   * @param shard the shard this writer's subtask owns; a record of another shard fails the job
   * @param store the store's name, for messages
   */
  StagingWriter(StoreShard<T> shard, String store) {
    this.shard = shard;
    this.store = store;
  }

  @Override
  public void write(T element, Context context) {
    shard.check(element, store);
    staged.put(shard.key().key(element), element);
  }

  @Override
  public void flush(boolean endOfInput) {}

  @Override
  public List<StagedBatch<T>> prepareCommit() {
    StagedBatch<T> batch =
        new StagedBatch<>(
            StagedBatch.UNSTAMPED, System.currentTimeMillis(), new ArrayList<>(staged.values()));
    staged = new LinkedHashMap<>();
    return List.of(batch);
  }

  @Override
  public void close() {
    staged = null;
  }
}
