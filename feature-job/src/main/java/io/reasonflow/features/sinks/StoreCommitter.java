package io.reasonflow.features.sinks;

import io.reasonflow.index.CommitKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase two: once a checkpoint completes, applies its staged batch to the store and commits it with
 * the checkpoint id ({@link #CHECKPOINT_ID}) and the Flink job id ({@link #JOB_ID}) in the commit
 * data.
 *
 * <p>Replays: after a restore Flink hands the committer the committables of the restored checkpoint
 * again, whether or not they were committed before the failure. A batch whose checkpoint id is at
 * or below the store's last committed id <em>of the same job</em> is acknowledged as already
 * committed and not applied again, so a replay neither loses a batch nor applies an older batch
 * over newer state. A different job id (a fresh job, whose checkpoint ids start again at 1) means
 * the store's commit data is not this job's history: its batches apply. (Records are whole upserts,
 * so even applying one twice would leave the same state; the check is what keeps an older batch
 * from overwriting a newer one.)
 *
 * <p>A committer owns one shard of its store ({@link StoreShard}): the one its sink subtask's
 * writer stages for. Flink hands it only that writer's batches (writer and committer run at the
 * same parallelism, connected one to one, and a restore at the same parallelism gives each
 * committer subtask its own state back); it still checks every record, so a record of another shard
 * fails the job instead of landing in the wrong shard. One exception: a batch restored from the
 * checkpoint the job started from may come from a job with another shard count (a savepoint of the
 * job that wrote other stores, say before switching to a backfill's sharded index); that job
 * committed it to its own stores, so of such a batch only this shard's records are applied and the
 * others are skipped, with a warning.
 *
 * <p>Metrics (committer scope): gauges {@code lastCommittedCheckpoint} and {@code commitLagMs}
 * (wall time from the writer staging a batch to the store commit), counters {@code
 * batchesCommitted}, {@code batchesSkipped}, {@code recordsCommitted}.
 */
final class StoreCommitter<T> implements Committer<StagedBatch<T>> {
  /**
   * Commit-data key: the checkpoint whose batch the commit contains ({@code Long.MAX_VALUE}: end of
   * input).
   */
  public static final String CHECKPOINT_ID = CommitKeys.CHECKPOINT_ID;

  /** Commit-data key: the Flink job that wrote the commit. */
  public static final String JOB_ID = CommitKeys.JOB_ID;

  /** Commit-data key: wall-clock time of the commit, epoch ms. */
  public static final String COMMITTED_AT = "committedAtMs";

  private static final Logger LOG = LoggerFactory.getLogger(StoreCommitter.class);

  private final CheckpointedStore<T> store;
  private final StoreShard<T> shard;
  private final long restoredCheckpoint;
  private final String jobId;
  private final String name;
  private long lastCommitted;
  private volatile long lastCommittedGauge;
  private volatile long commitLagMs;
  private final Counter committed;
  private final Counter skipped;
  private final Counter records;

  /**
   * @param restoredCheckpoint the checkpoint the job was restored from, {@code Long.MIN_VALUE} for
   *     a fresh start
   */
  StoreCommitter(
      CheckpointedStore<T> store,
      StoreShard<T> shard,
      long restoredCheckpoint,
      String jobId,
      String name,
      MetricGroup metrics) {
    this.store = store;
    this.shard = shard;
    this.restoredCheckpoint = restoredCheckpoint;
    this.jobId = jobId;
    this.name = name;
    Map<String, String> last = store.lastCommitData();
    this.lastCommitted =
        jobId.equals(last.get(JOB_ID)) && last.containsKey(CHECKPOINT_ID)
            ? Long.parseLong(last.get(CHECKPOINT_ID))
            : Long.MIN_VALUE;
    this.lastCommittedGauge = lastCommitted == Long.MIN_VALUE ? -1 : lastCommitted;
    metrics.gauge("lastCommittedCheckpoint", () -> lastCommittedGauge);
    metrics.gauge("commitLagMs", () -> commitLagMs);
    committed = metrics.counter("batchesCommitted");
    skipped = metrics.counter("batchesSkipped");
    records = metrics.counter("recordsCommitted");
  }

  @Override
  public void commit(Collection<CommitRequest<StagedBatch<T>>> requests) {
    List<CommitRequest<StagedBatch<T>>> ordered = new ArrayList<>(requests);
    ordered.sort(Comparator.comparingLong(r -> r.getCommittable().checkpointId()));
    long newest = Long.MIN_VALUE;
    long oldestStaged = Long.MAX_VALUE;
    int applied = 0;
    for (CommitRequest<StagedBatch<T>> r : ordered) {
      StagedBatch<T> b = r.getCommittable();
      if (b.checkpointId() == StagedBatch.UNSTAMPED) {
        throw new IllegalStateException(
            name + ": a batch reached the committer without a checkpoint id");
      }
      if (b.checkpointId() <= lastCommitted) {
        r.signalAlreadyCommitted();
        skipped.inc();
        continue;
      }
      List<T> batch = b.checkpointId() <= restoredCheckpoint ? restored(b) : b.records();
      for (T record : batch) {
        shard.check(record, name);
      }
      store.apply(batch);
      records.inc(batch.size());
      newest = Math.max(newest, b.checkpointId());
      oldestStaged = Math.min(oldestStaged, b.stagedAtMs());
      applied++;
    }
    if (applied == 0) {
      return;
    }
    Map<String, String> data = new HashMap<>();
    data.put(CHECKPOINT_ID, Long.toString(newest));
    data.put(JOB_ID, jobId);
    long now = System.currentTimeMillis();
    data.put(COMMITTED_AT, Long.toString(now));
    // one atomic commit for every batch of this call: a crash leaves the store at the previous
    // checkpoint or this one
    store.commit(data);
    lastCommitted = newest;
    lastCommittedGauge = newest;
    commitLagMs = now - oldestStaged;
    committed.inc(applied);
  }

  /** This shard's records of a restored batch (see the class comment). */
  private List<T> restored(StagedBatch<T> b) {
    List<T> own = b.records().stream().filter(shard::owns).toList();
    if (own.size() < b.records().size()) {
      LOG.warn(
          "{} shard {}: the restored batch of checkpoint {} holds {} record(s) of other shards, "
              + "staged by a job with another shard count for the stores it wrote; skipped",
          name,
          shard,
          b.checkpointId(),
          b.records().size() - own.size());
    }
    return own;
  }

  @Override
  public void close() {
    store.close();
  }
}
