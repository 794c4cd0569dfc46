package io.reasonflow.features.sinks;

import java.io.Serializable;

/**
 * Opens a {@link CheckpointedStore} on the task manager; serialisable so a sink can carry it. A
 * store has one or more shards, fixed for its life; each sink subtask opens one.
 */
public interface CheckpointedStoreFactory<T> extends Serializable {
  /** Opens shard {@code shard} (0 when the store has one), after {@link #checkLayout()}. */
  CheckpointedStore<T> open(int shard);

  /** The store's shards: the sink runs one subtask per shard. */
  int shards();

  /**
   * Fails with one line (a {@link io.reasonflow.common.UserError}) when the store on disk is laid
   * out for another number of shards than {@link #shards()}: rescaling would route records to other
   * shards than those that hold them. A store not yet written passes.
   */
  void checkLayout();

  /** The record class (committables in checkpoints are JSON of it). */
  Class<T> type();

  /** What a record is upserted by, and routed to its shard by. */
  RecordKey<T> key();

  /** Short name for operator names, uids and logs, e.g. {@code item-index}. */
  String name();
}
