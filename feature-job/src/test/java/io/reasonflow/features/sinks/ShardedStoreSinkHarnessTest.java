package io.reasonflow.features.sinks;

import static io.reasonflow.features.sinks.IndexOnDisk.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.index.CommitKeys;
import io.reasonflow.index.ShardLayout;
import io.reasonflow.index.ShardRouter;
import io.reasonflow.index.search.ItemSearcher;
import io.reasonflow.query.QueryServer;
import io.reasonflow.query.QueryServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.JobID;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.runtime.operators.sink.CommitterOperatorFactory;
import org.apache.flink.streaming.runtime.operators.sink.SinkWriterOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CheckpointCommittedSink} over a store in two shards, through Flink's own Sink V2 operators
 * under test harnesses, one writer and one committer per subtask as the job runs them: each
 * committer commits its own shard when it hears of a completed checkpoint, and does so every
 * checkpoint, with records or not; a reader takes the shards as one index (or one profile file) at
 * every moment, before the last shard exists, and while one shard has committed a checkpoint the
 * other has not; and a record or restored batch of another shard fails the subtask it reached.
 */
class ShardedStoreSinkHarnessTest {
  static final int SHARDS = 2;
  @TempDir Path dir;
  final JobID job = new JobID();

  Path index() {
    return dir.resolve("index");
  }

  Path profiles() {
    return dir.resolve("profiles.jsonl.gz");
  }

  CheckpointCommittedSink<ItemFeatures> itemSink() {
    return new CheckpointCommittedSink<>(
        LuceneItemStore.Factory.of(index(), IndexOnDisk.SETTINGS, SHARDS));
  }

  CheckpointCommittedSink<UserProfile> profileSink() {
    return new CheckpointCommittedSink<>(JsonLinesProfileStore.Factory.of(profiles(), SHARDS));
  }

  /** The subtask {@link CheckpointCommittedSink.ByShard} sends {@code key} to. */
  static int subtaskOf(String key) {
    return new CheckpointCommittedSink.ByShard().partition(key, SHARDS);
  }

  /** Writer and committer of one subtask of a sink running at parallelism {@link #SHARDS}. */
  final class Subtask<T> implements AutoCloseable {
    final OneInputStreamOperatorTestHarness<T, CommittableMessage<StagedBatch<T>>> writer;
    final OneInputStreamOperatorTestHarness<
            CommittableMessage<StagedBatch<T>>, CommittableMessage<StagedBatch<T>>>
        committer;
    int taken;

    Subtask(CheckpointCommittedSink<T> sink, int index) throws Exception {
      this(sink, index, SHARDS, null);
    }

    /**
     * Subtask {@code index} of {@code parallelism}; with {@code restored}, the committer restores
     * that state of checkpoint 1.
     */
    Subtask(
        CheckpointCommittedSink<T> sink, int index, int parallelism, OperatorSubtaskState restored)
        throws Exception {
      writer =
          new OneInputStreamOperatorTestHarness<>(
              new SinkWriterOperatorFactory<>(sink), parallelism, parallelism, index);
      committer =
          new OneInputStreamOperatorTestHarness<>(
              new CommitterOperatorFactory<>(sink, false, true),
              new MockEnvironmentBuilder()
                  .setJobID(job)
                  .setParallelism(parallelism)
                  .setMaxParallelism(parallelism)
                  .setSubtaskIndex(index)
                  .build());
      try {
        writer.open();
        if (restored != null) {
          committer.setRestoredCheckpointId(1);
          committer.initializeState(restored);
        }
        committer.open(); // creates the committer: opens its shard of the store
      } catch (Exception e) {
        close();
        throw e;
      }
    }

    @SafeVarargs
    final void write(T... records) throws Exception {
      for (T r : records) {
        writer.processElement(r, 0);
      }
    }

    /**
     * Checkpoint {@code id} on writer and committer: the writer's committables, stamped as the
     * pre-commit topology does, reach the committer, whose state is then snapshotted.
     */
    OperatorSubtaskState checkpoint(long id) throws Exception {
      for (var m : stage(id)) {
        committer.processElement(m, 0);
      }
      return committer.snapshot(id, id);
    }

    /** The writer's side of checkpoint {@code id}: its committables, stamped. */
    List<CommittableMessage<StagedBatch<T>>> stage(long id) throws Exception {
      writer.prepareSnapshotPreBarrier(id);
      writer.snapshot(id, id);
      List<CommittableMessage<StagedBatch<T>>> all = writer.extractOutputValues();
      StampCheckpointId<T> stamp = new StampCheckpointId<>();
      List<CommittableMessage<StagedBatch<T>>> out = new ArrayList<>();
      for (var m : all.subList(taken, all.size())) {
        out.add(stamp.map(m));
      }
      taken = all.size();
      return out;
    }

    void complete(long id) throws Exception {
      committer.notifyOfCompletedCheckpoint(id);
    }

    @Override
    public void close() throws Exception {
      writer.close();
      committer.close();
    }
  }

  static Map<String, String> readerCommitData(Path root) {
    try (ItemSearcher s = ItemSearcher.open(root)) {
      return s.commitUserData();
    }
  }

  @Test
  void eachSubtaskCommitsItsShardAndReadersTakeTheShardsAsOneIndexAtEveryMoment() throws Exception {
    List<ItemFeatures> items = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      items.add(item("item-" + i, 1));
    }
    Map<Integer, Map<String, Long>> expected = new TreeMap<>();
    items.forEach(
        f ->
            expected
                .computeIfAbsent(ShardRouter.shardOf(f.id(), SHARDS), k -> new TreeMap<>())
                .put(f.id(), 1L));
    assertThat(expected).as("the items fall in both shards").hasSize(SHARDS);
    ShardLayout layout = new ShardLayout(index(), SHARDS);

    try (Subtask<ItemFeatures> s0 = new Subtask<>(itemSink(), 0)) {
      // shard 0 has its empty commit, shard 1 does not exist: no manifest, so a reader sees no
      // index rather than a sharded one missing a shard
      assertThat(ShardLayout.isSharded(index())).isFalse();
      assertThatThrownBy(() -> ItemSearcher.open(index()))
          .isInstanceOf(UserError.class)
          .hasMessageContaining("holds no item index");
      try (Subtask<ItemFeatures> s1 = new Subtask<>(itemSink(), 1)) {
        assertThat(ShardLayout.read(index()).shards()).isEqualTo(SHARDS);
        try (ItemSearcher r = ItemSearcher.open(index())) {
          assertThat(r.size()).isZero();
          assertThat(r.commitUserData()).doesNotContainKey(CommitKeys.CHECKPOINT_ID);
        }
        List<Subtask<ItemFeatures>> subtasks = List.of(s0, s1);
        for (ItemFeatures f : items) {
          subtasks.get(subtaskOf(f.id())).write(f);
        }
        s0.checkpoint(1);
        s1.checkpoint(1);
        s0.complete(1);
        s1.complete(1);
        for (int shard = 0; shard < SHARDS; shard++) {
          assertThat(IndexOnDisk.versions(layout.shardDir(shard)))
              .as("shard %d holds exactly the items ShardRouter routes to it", shard)
              .isEqualTo(expected.get(shard));
        }
        assertThat(readerCommitData(index()))
            .containsEntry(CommitKeys.CHECKPOINT_ID, "1")
            .containsEntry(CommitKeys.JOB_ID, job.toString())
            .containsEntry(CommitKeys.MODEL_VERSION, "1");

        // checkpoint 2 changes shard 0's items only, and only shard 0's committer has heard that
        // it completed: the two shards are at different checkpoints
        for (ItemFeatures f : items) {
          if (subtaskOf(f.id()) == 0) {
            s0.write(item(f.id(), 2));
          }
        }
        s0.checkpoint(2);
        s1.checkpoint(2);
        s0.complete(2);
        long shard1Generation = IndexOnDisk.generation(layout.shardDir(1));
        try (ItemSearcher r = ItemSearcher.open(index())) {
          assertThat(r.size()).as("every item, from both shards' latest commits").isEqualTo(12);
          assertThat(r.get(expected.get(0).keySet().iterator().next()).orElseThrow().modelVersion())
              .isEqualTo(2);
          assertThat(r.commitUserData())
              .as("the least advanced shard's checkpoint, the newest model version of any shard")
              .containsEntry(CommitKeys.CHECKPOINT_ID, "1")
              .containsEntry(CommitKeys.MODEL_VERSION, "2");
        }
        s1.complete(2);
        assertThat(IndexOnDisk.generation(layout.shardDir(1)))
            .as("shard 1 commits checkpoint 2 although none of its items changed")
            .isEqualTo(shard1Generation + 1);
        assertThat(IndexOnDisk.commitData(layout.shardDir(1)))
            .containsEntry(CommitKeys.CHECKPOINT_ID, "2");
        assertThat(IndexOnDisk.versions(layout.shardDir(1))).isEqualTo(expected.get(1));
        assertThat(readerCommitData(index())).containsEntry(CommitKeys.CHECKPOINT_ID, "2");
      }
    }
  }

  @Test
  void aRecordOfAnotherShardFailsTheWriterItReached() throws Exception {
    String ofShard1 =
        List.of("a", "b", "c", "d", "e", "f", "g", "h").stream()
            .filter(id -> subtaskOf(id) == 1)
            .findFirst()
            .orElseThrow();
    try (Subtask<ItemFeatures> s0 = new Subtask<>(itemSink(), 0)) {
      assertThatThrownBy(() -> s0.write(item(ofShard1, 1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("item-index shard 0 of 2 was handed " + ofShard1)
          .hasMessageContaining("belongs to shard 1");
    }
  }

  @Test
  void aBatchOfAnotherShardFailsTheCommitterItReached() throws Exception {
    String ofShard0 =
        List.of("a", "b", "c", "d", "e", "f", "g", "h").stream()
            .filter(id -> subtaskOf(id) == 0)
            .findFirst()
            .orElseThrow();
    try (Subtask<ItemFeatures> s0 = new Subtask<>(itemSink(), 0);
        Subtask<ItemFeatures> s1 = new Subtask<>(itemSink(), 1)) {
      s0.write(item(ofShard0, 1));
      for (var m : s0.stage(1)) { // miswired: writer 0's batch reaches committer 1
        s1.committer.processElement(m, 0);
      }
      s1.committer.snapshot(1, 1);
      assertThatThrownBy(() -> s1.complete(1))
          .hasStackTraceContaining("item-index shard 1 of 2 was handed " + ofShard0);
    }
    assertThat(IndexOnDisk.versions(new ShardLayout(index(), SHARDS).shardDir(1))).isEmpty();
  }

  /**
   * A savepoint of the single-writer job restored into a 2-shard job on new stores (say, a
   * backfill's sharded index): Flink gives the one committer's state to subtask 0, whose batch
   * holds items of both shards. That batch belongs to the old store (its job committed it there);
   * the committer applies its own shard's records and skips the others instead of failing the job.
   */
  @Test
  void aBatchRestoredFromAnotherShardCountAppliesOnlyTheShardsOwnRecords() throws Exception {
    CheckpointCommittedSink<ItemFeatures> single =
        new CheckpointCommittedSink<>(
            LuceneItemStore.Factory.of(dir.resolve("old-index"), IndexOnDisk.SETTINGS, 1));
    List<ItemFeatures> items = new ArrayList<>();
    for (String id : List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
      items.add(item(id, 1));
    }
    OperatorSubtaskState savepoint;
    try (Subtask<ItemFeatures> old = new Subtask<>(single, 0, 1, null)) {
      items.forEach(
          f -> {
            try {
              old.write(f);
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          });
      savepoint = old.checkpoint(1);
    }
    Map<String, Long> shard0 = new TreeMap<>();
    items.stream().filter(f -> subtaskOf(f.id()) == 0).forEach(f -> shard0.put(f.id(), 1L));
    assertThat(shard0).isNotEmpty().hasSizeLessThan(items.size());
    try (Subtask<ItemFeatures> s0 = new Subtask<>(itemSink(), 0, SHARDS, savepoint);
        Subtask<ItemFeatures> s1 = new Subtask<>(itemSink(), 1)) {
      ShardLayout layout = new ShardLayout(index(), SHARDS);
      assertThat(IndexOnDisk.versions(layout.shardDir(0))).isEqualTo(shard0);
      assertThat(IndexOnDisk.versions(layout.shardDir(1))).isEmpty();
      s0.write(item(shard0.keySet().iterator().next(), 2)); // and the job goes on
      s0.checkpoint(2);
      s1.checkpoint(2);
      s0.complete(2);
      s1.complete(2);
      assertThat(readerCommitData(index())).containsEntry(CommitKeys.CHECKPOINT_ID, "2");
    }
  }

  static UserProfile profile(String user, long modelVersion) {
    return new UserProfile(
        user, new float[] {0.6f, 0.8f}, modelVersion, List.of(), List.of("x"), 1, 1000L);
  }

  @Test
  void profileShardsAreOneStoreToTheQueryServiceAndTheReasonJobsFileSource() throws Exception {
    List<String> users = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      users.add("user-" + i);
    }
    try (Subtask<ItemFeatures> i0 = new Subtask<>(itemSink(), 0);
        Subtask<ItemFeatures> i1 = new Subtask<>(itemSink(), 1);
        Subtask<UserProfile> p0 = new Subtask<>(profileSink(), 0);
        Subtask<UserProfile> p1 = new Subtask<>(profileSink(), 1)) {
      List<Subtask<UserProfile>> subtasks = List.of(p0, p1);
      for (String u : users) {
        subtasks.get(subtaskOf(u)).write(profile(u, 4));
      }
      List.of(i0, i1).get(subtaskOf("a")).write(item("a", 4));
      for (var s : List.of(i0, i1, p0, p1)) {
        s.checkpoint(1);
      }
      for (var s : List.of(i0, i1, p0, p1)) {
        s.complete(1);
      }
    }

    // every reader goes through JsonLines (query service, reason job's client) or Flink's file
    // source (the reason job's batch source): both read the shard files and nothing else
    Map<String, UserProfile> read = new TreeMap<>();
    JsonLines.forEach(
        profiles(),
        UserProfile.class,
        p -> assertThat(read.put(p.userId(), p)).as("one profile per user").isNull());
    assertThat(read.keySet()).isEqualTo(new TreeSet<>(users));
    assertThat(read.get("user-3")).isEqualTo(profile("user-3", 4));
    List<String> sourceFiles = new ArrayList<>();
    for (FileSourceSplit split :
        new NonSplittingRecursiveEnumerator()
            .enumerateSplits(
                new org.apache.flink.core.fs.Path[] {
                  new org.apache.flink.core.fs.Path(profiles().toUri())
                },
                1)) {
      sourceFiles.add(split.path().getName());
    }
    assertThat(sourceFiles).containsExactlyInAnyOrder("shard-00.jsonl.gz", "shard-01.jsonl.gz");

    try (QueryServer server =
        QueryServer.start(QueryServerConfig.of(index(), 0).withProfiles(profiles()))) {
      HttpClient http = HttpClient.newHttpClient();
      for (String u : users) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + server.port() + "/v1/users/" + u))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("profile of %s", u).isEqualTo(200);
      }
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.body()).contains("\"items\":1").contains("\"modelVersion\":\"4\"");
    }
  }
}
