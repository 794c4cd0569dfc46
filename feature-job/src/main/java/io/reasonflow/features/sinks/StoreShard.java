package io.reasonflow.features.sinks;

import io.reasonflow.index.ShardRouter;
import java.io.Serializable;

/**
 * Shard {@code index} of a store split into {@code count} shards: the records whose key {@link
 * ShardRouter} routes to it, the function the backfill's index shards and the sharded searcher use
 * too. One sink subtask owns each shard; its writer and committer check every record against it, so
 * a record that reached the wrong subtask fails the job rather than landing in a shard no reader
 * looks for it in.
 *
 * @param key what a record is routed by (the item id, the shopper id)
 * @param index this shard, {@code 0..count-1}
 * @param count the store's shards
 */
public record StoreShard<T>(RecordKey<T> key, int index, int count) implements Serializable {
  public StoreShard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("shard " + index + " of " + count + " does not exist");
    }
  }

  /** Whether {@code record} belongs to this shard (an unsharded store owns every record). */
  public boolean owns(T record) {
    return count == 1 || ShardRouter.shardOf(key.key(record), count) == index;
  }

  /**
   * Fails naming the record, its shard and this one when it does not belong here.
   *
   * @param store the store's name, for the message
   */
  public void check(T record, String store) {
    if (!owns(record)) {
      throw new IllegalStateException(
          store
              + " shard "
              + index
              + " of "
              + count
              + " was handed "
              + key.key(record)
              + ", which belongs to shard "
              + ShardRouter.shardOf(key.key(record), count)
              + " (records must reach the sink through its shard partitioner)");
    }
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
