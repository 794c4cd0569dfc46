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
 */
final class StagingWriter<T> implements CommittingSinkWriter<T, StagedBatch<T>> {
  private final RecordKey<T> key;
  private Map<String, T> staged = new LinkedHashMap<>();

  StagingWriter(RecordKey<T> key) {
    this.key = key;
  }

  @Override
  public void write(T element, Context context) {
    staged.put(key.key(element), element);
  }

  @Override
  public void flush(boolean endOfInput) {}

  @Override
  public List<StagedBatch<T>> prepareCommit() {
    if (staged.isEmpty()) {
      return List.of();
    }
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
