package io.reasonflow.reasons;

import io.reasonflow.common.JobArguments;
import io.reasonflow.common.JobOptions;
import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.reasons.flink.ReasonSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Entry point of the reason job's shaded jar ({@code Main-Class}) for {@code flink run} and the
 * REST API:
 *
 * <pre>
 * [--mode batch] [--config FILE] [--set key=value ...] --features DIR --out DIR [--users ID,...] [--parallelism N]
 * --mode stream  [--config FILE] [--set key=value ...] --features DIR     (the streaming job: {@link ReasonStreamJob})
 * </pre>
 *
 * Stream mode reads profile updates from {@code kafka.profiles.topic} and writes recommendations to
 * {@code kafka.reasons.topic}, exactly once: transactions commit on checkpoints, taken every {@code
 * features.stream.checkpoint-interval} (the feature job's cadence, so a profile's reasons follow it
 * by about one interval) unless the cluster configuration already enables checkpointing.
 *
 * <p>Batch mode builds the same {@link ReasonBatchJob} as {@code ./reasonflow reasons}, at the
 * parallelism the cluster gives ({@code --parallelism N} to choose): each subtask opens the
 * evidence stores itself and writes its part of {@code --out}/recommendations/ through Flink's file
 * systems. It runs detached: nothing after {@code env.execute} reads results (counts are the job's
 * accumulators and metrics; {@code report.html} is written only by local runs). This main reads the
 * profiles file once, streaming, for the shopper count that lift needs. Paths must be reachable
 * from the JobManager and every TaskManager.
 */
@Command(
    name = "reasonflow-reasons",
    description = "The ReasonFlow reason job (batch or streaming) for a Flink cluster.")
public final class ReasonJobMain {
  private static final Logger LOG = LoggerFactory.getLogger(ReasonJobMain.class);
  @Mixin JobOptions job = new JobOptions();

  static final String PROGRAM = "reasonflow-reasons";
  static final String USAGE =
      "[--mode batch|stream] [--config FILE] [--set key=value ...] --features DIR "
          + "[--out DIR] [--users ID,...] [--parallelism N] [--job-name NAME]";

  @Option(
      names = "--features",
      paramLabel = "DIR",
      description =
          "A feature job's output directory; with --mode stream also a version root (the --root of"
              + " 'reasonflow publish'), whose published backfill the job reads and follows.")
  Path features;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory or URI (batch).")
  String out;

  @Option(
      names = "--users",
      paramLabel = "ID,...",
      split = ",",
      description = "Only these shoppers (batch).")
  List<String> users;

  public static void main(String[] argv) throws Exception {
    ReasonJobMain m = new ReasonJobMain();
    JobArguments.main(
        PROGRAM,
        parse(m, argv),
        m::run,
        () ->
            StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment);
  }

  /**
   * Fills {@code m} from {@code argv}; the one-line problem, or null when the arguments are usable.
   */
  static String parse(ReasonJobMain m, String[] argv) {
    String problem = JobArguments.parse(m, argv, USAGE);
    if (problem != null) {
      return problem;
    }
    if (m.job.problem() != null) {
      return m.job.problem();
    }
    if (m.features == null) {
      return "missing --features DIR (a feature job's output)";
    }
    if (m.job.batch() && m.out == null) {
      return "--mode batch needs --out DIR";
    }
    return null;
  }

  void run() throws Exception {
    Config cfg = job.load();
    if (!Files.isDirectory(features)) {
      throw new UserError(
          "--features " + features + " is not a directory (a feature job's output)");
    }
    if (job.stream()) {
      // a root whose published version is no backfill output fails here, not in every task
      FeatureVersion.resolve(features);
      runStream(cfg, features.toString(), job.jobName("reasonflow-reasons-stream"));
      return;
    }
    Set<String> wanted = users == null ? null : new LinkedHashSet<>(users);
    FeatureLayout layout = new FeatureLayout(features.toAbsolutePath());
    long shoppers = ReasonJob.ProfileScan.of(layout, wanted, 0).total();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    if (job.parallelism != null) {
      env.setParallelism(job.parallelism);
    }
    String outUri = out.contains("://") ? out : Path.of(out).toAbsolutePath().toUri().toString();
    clearParts(outUri);
    new ReasonBatchJob(
            ReasonSettings.from(cfg),
            ReasonSources.fixed(layout.root().toString()),
            shoppers,
            wanted)
        .wire(
            env,
            ReasonBatchJob.profileFiles(layout.profiles().toUri().toString()),
            ReasonBatchJob.recommendationParts(outUri));
    LOG.info(
        "submitting the reason job: {} profiles in {} -> {}/{}",
        shoppers,
        layout.profiles(),
        outUri,
        ReasonBatchJob.RECOMMENDATIONS_DIR);
    env.execute(job.jobName("reasonflow-reasons"));
  }

  /**
   * A previous run's parts would be read as this run's: the sink adds parts, it does not replace a
   * directory.
   */
  private static void clearParts(String outUri) throws IOException {
    var parts =
        new org.apache.flink.core.fs.Path(
            new org.apache.flink.core.fs.Path(outUri), ReasonBatchJob.RECOMMENDATIONS_DIR);
    var fs = parts.getFileSystem();
    if (fs.exists(parts)) {
      fs.delete(parts, true);
    }
  }

  /** The streaming reason job (profiles topic -> reasons topic); runs until cancelled. */
  static void runStream(Config config, String features, String jobName) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    // Exactly-once Kafka output is only visible once a checkpoint commits it: without checkpoints
    // nothing would ever appear, so the job turns them on itself when the cluster has not.
    if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
      env.enableCheckpointing(
          config.duration("features.stream.checkpoint-interval").toMillis(),
          org.apache.flink.core.execution.CheckpointingMode.EXACTLY_ONCE);
    }
    ReasonKafkaSettings kafka = ReasonKafkaSettings.from(config);
    new ReasonStreamJob(ReasonSettings.from(config), Path.of(features).toAbsolutePath().toString())
        .wire(env, kafka.profilesSource(), kafka.reasonsSink());
    LOG.info(
        "streaming: {} -> {}, features {}",
        config.string("kafka.profiles.topic"),
        config.string("kafka.reasons.topic"),
        features);
    env.execute(jobName);
  }
}
