package io.reasonflow.features.sinks;

import static io.reasonflow.features.sinks.IndexOnDisk.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.features.testing.OperatorMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Committer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StoreCommitter} on a real Lucene index: each call's batches are applied in checkpoint
 * order and committed once with the newest checkpoint id; a replayed or older checkpoint of the
 * same job is acknowledged without being applied (no Lucene commit, no older record over a newer
 * one); another job's history does not hold back its batches.
 */
class StoreCommitterHarnessTest {
  static final String JOB = "job-1";
  @TempDir Path dir;

  /** A narrow fake of Flink's commit request: records how the committer answered. */
  static final class Request implements Committer.CommitRequest<StagedBatch<ItemFeatures>> {
    final StagedBatch<ItemFeatures> batch;
    boolean alreadyCommitted;

    Request(long checkpointId, ItemFeatures... records) {
      this.batch = new StagedBatch<>(checkpointId, System.currentTimeMillis(), List.of(records));
    }

    @Override
    public StagedBatch<ItemFeatures> getCommittable() {
      return batch;
    }

    @Override
    public int getNumberOfRetries() {
      return 0;
    }

    @Override
    public void signalFailedWithKnownReason(Throwable t) {
      throw new AssertionError("unexpected failure", t);
    }

    @Override
    public void signalFailedWithUnknownReason(Throwable t) {
      throw new AssertionError("unexpected failure", t);
    }

    @Override
    public void retryLater() {
      throw new AssertionError("unexpected retry");
    }

    @Override
    public void updateAndRetryLater(StagedBatch<ItemFeatures> committable) {
      throw new AssertionError("unexpected retry");
    }

    @Override
    public void signalAlreadyCommitted() {
      alreadyCommitted = true;
    }
  }

  StoreCommitter<ItemFeatures> committer(String job, OperatorMetrics metrics) {
    return new StoreCommitter<>(
        LuceneItemStore.open(dir, IndexOnDisk.SETTINGS),
        new StoreShard<>(new ItemFeaturesKey(), 0, 1),
        Long.MIN_VALUE,
        job,
        "item-index",
        metrics.group());
  }

  @Test
  void oneCallsBatchesAreAppliedInCheckpointOrderAndCommittedOnceWithTheNewestId()
      throws Exception {
    OperatorMetrics metrics = new OperatorMetrics();
    try (var c = committer(JOB, metrics)) {
      // handed over newest first: applied in the other order, a's checkpoint-3 record must win
      c.commit(List.of(new Request(3, item("a", 3)), new Request(2, item("a", 2), item("b", 2))));
      assertThat(IndexOnDisk.versions(dir)).isEqualTo(Map.of("a", 3L, "b", 2L));
      assertThat(IndexOnDisk.commitData(dir))
          .containsEntry(StoreCommitter.CHECKPOINT_ID, "3")
          .containsEntry(StoreCommitter.JOB_ID, JOB)
          .containsKey(StoreCommitter.COMMITTED_AT);
      assertThat(IndexOnDisk.generation(dir)).as("one Lucene commit for the call").isEqualTo(1);
      assertThat(metrics.count("batchesCommitted")).isEqualTo(2);
      assertThat(metrics.count("recordsCommitted")).isEqualTo(3);
      assertThat(metrics.gauge("lastCommittedCheckpoint")).isEqualTo(3L);
    }
  }

  @Test
  void aReplayedOrOlderCheckpointOfTheSameJobIsAcknowledgedAndNotApplied() throws Exception {
    try (var c = committer(JOB, new OperatorMetrics())) {
      c.commit(List.of(new Request(5, item("a", 5))));
    }
    long generation = IndexOnDisk.generation(dir);
    OperatorMetrics metrics = new OperatorMetrics();
    try (var c =
        committer(
            JOB, metrics)) { // the restored job's committer: it learns checkpoint 5 from the store
      assertThat(metrics.gauge("lastCommittedCheckpoint")).isEqualTo(5L);
      Request replay = new Request(5, item("a", 5), item("b", 5));
      Request older = new Request(4, item("a", 4));
      c.commit(List.of(replay, older));
      assertThat(replay.alreadyCommitted).isTrue();
      assertThat(older.alreadyCommitted).isTrue();
      assertThat(metrics.count("batchesSkipped")).isEqualTo(2);
      assertThat(metrics.count("batchesCommitted")).isZero();
    }
    assertThat(IndexOnDisk.generation(dir)).as("no Lucene commit").isEqualTo(generation);
    assertThat(IndexOnDisk.versions(dir))
        .as("the older record did not overwrite the newer one")
        .isEqualTo(Map.of("a", 5L));

    try (var c = committer(JOB, new OperatorMetrics())) {
      Request next = new Request(6, item("a", 6));
      c.commit(List.of(next));
      assertThat(next.alreadyCommitted).isFalse();
    }
    assertThat(IndexOnDisk.versions(dir)).isEqualTo(Map.of("a", 6L));
  }

  @Test
  void anotherJobsCommitDataDoesNotHoldBackThisJobsBatches() throws Exception {
    try (var c = committer("old-job", new OperatorMetrics())) {
      c.commit(List.of(new Request(9, item("a", 1))));
    }
    try (var c =
        committer(
            "new-job", new OperatorMetrics())) { // a fresh job: its checkpoint ids restart at 1
      Request first = new Request(1, item("a", 2));
      c.commit(List.of(first));
      assertThat(first.alreadyCommitted).isFalse();
    }
    assertThat(IndexOnDisk.versions(dir)).isEqualTo(Map.of("a", 2L));
    assertThat(IndexOnDisk.commitData(dir))
        .containsEntry(StoreCommitter.JOB_ID, "new-job")
        .containsEntry(StoreCommitter.CHECKPOINT_ID, "1");
  }

  @Test
  void aBatchWithoutACheckpointIdIsRefusedNamingTheStore() throws Exception {
    try (var c = committer(JOB, new OperatorMetrics())) {
      assertThatThrownBy(() -> c.commit(List.of(new Request(StagedBatch.UNSTAMPED, item("a", 1)))))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("item-index")
          .hasMessageContaining("without a checkpoint id");
    }
    assertThat(IndexOnDisk.docs(dir)).isEmpty();
  }
}
