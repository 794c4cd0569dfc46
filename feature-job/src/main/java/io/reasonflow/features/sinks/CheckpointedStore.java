package io.reasonflow.features.sinks;

import java.util.List;
import java.util.Map;

/**
 * A store that applies upserts and makes them durable atomically together with a small map of
 * commit data: the Lucene item index (commit user data) or the JSON-lines profile store. {@link
 * StoreCommitter} is its only user.
 */
public interface CheckpointedStore<T> extends AutoCloseable {
  /** Commit data of the latest durable commit; empty when the store has none. */
  Map<String, String> lastCommitData();

  /** Stages upserts; not visible nor durable until {@link #commit}. */
  void apply(List<T> records);

  /** Makes every applied record durable and visible, tagged with {@code data}. */
  void commit(Map<String, String> data);

  /** Closes without committing: what was applied since the last commit is dropped. */
  @Override
  void close();
}
