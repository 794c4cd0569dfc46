package io.reasonflow.features.core;

import io.reasonflow.common.config.Config;
import java.io.Serializable;

/**
 * The {@code features.*} keys, read and validated once on the client so that operators carry plain
 * values (and a bad value fails before any job starts).
 */
public record FeatureSettings(
    long sessionGapMs,
    int sessionMaxItems,
    long outOfOrdernessMs,
    int coViewTopN,
    int dim,
    int window,
    int negative,
    int epochs,
    int minCount,
    double subsampling,
    double learningRate,
    long seed,
    int workers,
    int batchSize,
    SequenceMode sequenceMode,
    int recentItems,
    long halfLifeMs,
    int parallelism,
    int rounds,
    Merge merge)
    implements Serializable {

  /** How data-parallel item2vec combines the workers' models after a round. */
  public enum Merge {
    /** the round's start plus every worker's change ({@link ParameterAveraging#sumUpdates}) */
    SUM,
    /** the mean ({@link ParameterAveraging#average}) */
    AVERAGE
  }

  /** What one item2vec "sentence" is. */
  public enum SequenceMode {
    USER,
    SESSION
  }

  public static FeatureSettings from(Config c) {
    long gap = c.duration("features.session.gap").toMillis();
    if (gap <= 0) {
      throw c.bad("features.session.gap", "must be positive");
    }
    long halfLife = c.duration("features.profile.half-life").toMillis();
    if (halfLife <= 0) {
      throw c.bad("features.profile.half-life", "must be positive");
    }
    return new FeatureSettings(
        gap,
        c.integer("features.session.max-items", 2, 100_000),
        c.duration("features.watermark.out-of-orderness").toMillis(),
        c.integer("features.coview.top-n", 0, 10_000),
        c.integer("features.item2vec.dim", 2, 4096),
        c.integer("features.item2vec.window", 1, 1000),
        c.integer("features.item2vec.negative", 1, 100),
        c.integer("features.item2vec.epochs", 1, 10_000),
        c.integer("features.item2vec.min-count", 1, 1_000_000),
        c.decimal("features.item2vec.subsampling", 0, 1),
        c.decimal("features.item2vec.learning-rate", 1e-6, 1),
        c.integer("features.item2vec.seed", Integer.MIN_VALUE, Integer.MAX_VALUE),
        workers(c),
        c.integer("features.item2vec.batch-size", 1, 1_000_000),
        c.enumValue("features.item2vec.sequence", SequenceMode.class),
        c.integer("features.profile.recent-items", 1, 10_000),
        halfLife,
        c.integer("features.item2vec.parallelism", 0, 4096),
        rounds(c),
        c.enumValue("features.item2vec.merge", Merge.class));
  }

  /**
   * Training subtasks of the backfill's item2vec at job parallelism {@code jobParallelism}: the
   * configured number, or with 0 the job's own (at least 1).
   */
  public int item2vecWorkers(int jobParallelism) {
    return parallelism > 0 ? parallelism : Math.max(1, jobParallelism);
  }

  /** Averaging rounds of data-parallel training: at most one per epoch; 0 means one per epoch. */
  private static int rounds(Config c) {
    int epochs = c.integer("features.item2vec.epochs", 1, 10_000);
    int r = c.integer("features.item2vec.rounds", 0, 10_000);
    if (r == 0) {
      return epochs;
    }
    if (r > epochs) {
      throw c.bad(
          "features.item2vec.rounds",
          "must be at most features.item2vec.epochs ("
              + epochs
              + "): a round is at least one epoch");
    }
    return r;
  }

  /**
   * 0 means one training thread per core the JVM may use (a TaskManager's cores, not the build
   * machine's).
   */
  private static int workers(Config c) {
    int w = c.integer("features.item2vec.workers", 0, 1024);
    return w == 0 ? Runtime.getRuntime().availableProcessors() : w;
  }
}
