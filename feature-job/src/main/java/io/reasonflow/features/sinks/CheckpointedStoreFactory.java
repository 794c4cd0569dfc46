package io.reasonflow.features.sinks;

import java.io.Serializable;

/** Opens a {@link CheckpointedStore} on the task manager; serialisable so a sink can carry it. */
public interface CheckpointedStoreFactory<T> extends Serializable {
  CheckpointedStore<T> open();

  /** The record class (committables in checkpoints are JSON of it). */
  Class<T> type();

  /** What a record is upserted by. */
  RecordKey<T> key();

  /** Short name for operator names, uids and logs, e.g. {@code item-index}. */
  String name();
}
