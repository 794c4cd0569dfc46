package io.reasonflow.features.sinks;

import static io.reasonflow.features.sinks.IndexOnDisk.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.CommitKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.runtime.operators.sink.CommitterOperatorFactory;
import org.apache.flink.streaming.runtime.operators.sink.SinkWriterOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CheckpointCommittedSink} into a real Lucene index, through Flink's own Sink V2 operators
 * (the writer operator, the {@link StampCheckpointId} pre-commit map, the committer operator) under
 * test harnesses, checkpoint by checkpoint: staged records reach the index only when their
 * checkpoint completes; an aborted checkpoint followed by a failure leaves nothing of it; the
 * restored committer's replay of the restored checkpoint makes no second commit; and the index ends
 * with exactly the records of the completed checkpoints.
 */
class CheckpointCommittedSinkHarnessTest {
  @TempDir Path dir;
  final JobID job = new JobID();

  Path index() {
    return dir.resolve("index");
  }

  CheckpointCommittedSink<ItemFeatures> sink() {
    return new CheckpointCommittedSink<>(LuceneItemStore.Factory.of(index(), IndexOnDisk.SETTINGS));
  }

  /** The writer side: the sink's writer under Flink's writer operator. */
  final class Writer implements AutoCloseable {
    final OneInputStreamOperatorTestHarness<
            ItemFeatures, CommittableMessage<StagedBatch<ItemFeatures>>>
        h;
    int taken;

    Writer() throws Exception {
      h = new OneInputStreamOperatorTestHarness<>(new SinkWriterOperatorFactory<>(sink()));
      h.open();
    }

    void write(ItemFeatures... records) throws Exception {
      for (ItemFeatures r : records) {
        h.processElement(r, 0);
      }
    }

    /**
     * Checkpoint {@code id} on the writer: its committables, stamped as the pre-commit topology
     * does.
     */
    List<CommittableMessage<StagedBatch<ItemFeatures>>> checkpoint(long id) throws Exception {
      h.prepareSnapshotPreBarrier(id);
      h.snapshot(id, id);
      List<CommittableMessage<StagedBatch<ItemFeatures>>> all = h.extractOutputValues();
      List<CommittableMessage<StagedBatch<ItemFeatures>>> out = new ArrayList<>();
      StampCheckpointId<ItemFeatures> stamp = new StampCheckpointId<>();
      for (var m : all.subList(taken, all.size())) {
        out.add(stamp.map(m));
      }
      taken = all.size();
      return out;
    }

    @Override
    public void close() throws Exception {
      h.close();
    }
  }

  /** The committer side, for this test's job id (a restored job keeps its id). */
  OneInputStreamOperatorTestHarness<
          CommittableMessage<StagedBatch<ItemFeatures>>,
          CommittableMessage<StagedBatch<ItemFeatures>>>
      committer() throws Exception {
    return new OneInputStreamOperatorTestHarness<>(
        new CommitterOperatorFactory<>(sink(), false, true),
        new MockEnvironmentBuilder().setJobID(job).build());
  }

  static void deliver(
      OneInputStreamOperatorTestHarness<
              CommittableMessage<StagedBatch<ItemFeatures>>,
              CommittableMessage<StagedBatch<ItemFeatures>>>
          committer,
      List<CommittableMessage<StagedBatch<ItemFeatures>>> messages)
      throws Exception {
    for (var m : messages) {
      committer.processElement(m, 0);
    }
  }

  @Test
  void stagedRecordsReachTheIndexOnlyWhenTheirCheckpointCompletes() throws Exception {
    try (Writer w = new Writer();
        var c = committer()) {
      c.open();
      w.write(
          item("a", 1), item("b", 1), item("a", 2)); // the latest record per key is what is staged
      deliver(c, w.checkpoint(1));
      c.snapshot(1, 1);
      assertThat(IndexOnDisk.docs(index())).as("checkpoint 1 is taken but not complete").isEmpty();

      w.write(item("c", 2)); // after the barrier: belongs to checkpoint 2
      c.notifyOfCompletedCheckpoint(1);
      assertThat(IndexOnDisk.versions(index())).isEqualTo(Map.of("a", 2L, "b", 1L));
      assertThat(IndexOnDisk.commitData(index()))
          .containsEntry(StoreCommitter.CHECKPOINT_ID, "1")
          .containsEntry(StoreCommitter.JOB_ID, job.toString())
          .containsEntry(CommitKeys.MODEL_VERSION, "2");

      deliver(c, w.checkpoint(2));
      c.snapshot(2, 2);
      c.notifyOfCompletedCheckpoint(2);
      assertThat(IndexOnDisk.versions(index())).isEqualTo(Map.of("a", 2L, "b", 1L, "c", 2L));
      assertThat(IndexOnDisk.commitData(index())).containsEntry(StoreCommitter.CHECKPOINT_ID, "2");
    }
  }

  @Test
  void afterAnAbortedCheckpointAndAFailureTheIndexHoldsExactlyTheCompletedCheckpoints()
      throws Exception {
    OperatorSubtaskState atCheckpoint1;
    try (Writer w = new Writer();
        var c = committer()) {
      c.open();
      w.write(item("a", 1), item("b", 1));
      deliver(c, w.checkpoint(1));
      atCheckpoint1 =
          c.snapshot(1, 1); // holds checkpoint 1's batch: the store has not committed it yet
      c.notifyOfCompletedCheckpoint(1);

      w.write(item("c", 1), item("a", 9));
      deliver(c, w.checkpoint(2));
      c.snapshot(2, 2);
      c.getOperator().notifyCheckpointAborted(2);
      assertThat(IndexOnDisk.versions(index())).isEqualTo(Map.of("a", 1L, "b", 1L));
    } // the task fails: writer and committer close, the store's writer rolls back

    long generation = IndexOnDisk.generation(index());
    assertThat(IndexOnDisk.versions(index()))
        .as("nothing of the aborted checkpoint")
        .isEqualTo(Map.of("a", 1L, "b", 1L));

    // the job restarts from checkpoint 1: the committer replays checkpoint 1's batch, the source
    // replays c and a
    try (Writer w = new Writer();
        var c = committer()) {
      c.setRestoredCheckpointId(1);
      c.initializeState(atCheckpoint1);
      c.open();
      assertThat(IndexOnDisk.generation(index()))
          .as("the replayed checkpoint 1 is not committed again")
          .isEqualTo(generation);
      assertThat(IndexOnDisk.versions(index())).isEqualTo(Map.of("a", 1L, "b", 1L));

      w.write(item("c", 1), item("a", 9));
      deliver(c, w.checkpoint(3));
      c.snapshot(3, 3);
      c.notifyOfCompletedCheckpoint(3);
    }
    assertThat(IndexOnDisk.versions(index())).isEqualTo(Map.of("a", 9L, "b", 1L, "c", 1L));
    assertThat(IndexOnDisk.commitData(index()))
        .containsEntry(StoreCommitter.CHECKPOINT_ID, "3")
        .containsEntry(StoreCommitter.JOB_ID, job.toString());
  }

  @Test
  void aWriterAtAnotherParallelismThanTheStoresShardsIsRefused() throws Exception {
    var h =
        new OneInputStreamOperatorTestHarness<
            ItemFeatures, CommittableMessage<StagedBatch<ItemFeatures>>>(
            new SinkWriterOperatorFactory<>(sink()), 2, 2, 0);
    try (h) {
      assertThatThrownBy(h::open)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(
              "item-index sink runs at parallelism 2 but its store has 1 shard(s)");
    }
  }
}
