package io.reasonflow.reasons;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.reasons.flink.ReasonSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point of the reason job's shaded jar ({@code Main-Class}) for {@code flink run} and the REST API:
 *
 * <pre>
 * [--mode batch] [--config FILE] [--set key=value ...] --features DIR --out DIR [--users ID,...] [--parallelism N]
 * --mode stream  [--config FILE] [--set key=value ...] --features DIR     (the streaming job: {@link ReasonStreamJob})
 * </pre>
 *
 * Stream mode reads profile updates from {@code kafka.profiles.topic} and writes recommendations to
 * {@code kafka.reasons.topic}, exactly once: transactions commit on checkpoints, taken every
 * {@code features.stream.checkpoint-interval} (the feature job's cadence, so a profile's reasons follow it by about
 * one interval) unless the cluster configuration already enables checkpointing.
 *
 * Batch mode builds the same {@link ReasonBatchJob} as {@code ./reasonflow reasons}, at the parallelism the cluster
 * gives ({@code --parallelism N} to choose): each subtask opens the evidence stores itself and writes its part of
 * {@code --out}/recommendations/ through Flink's file systems. It runs detached: nothing after {@code env.execute}
 * reads results (counts are the job's accumulators and metrics; {@code report.html} is written only by local runs).
 * This main reads the profiles file once, streaming, for the shopper count that lift needs. Paths must be reachable
 * from the JobManager and every TaskManager.
 */
public final class ReasonJobMain {
  private ReasonJobMain() {}

  public static void main(String[] argv) throws Exception {
    Path configFile = null;
    Map<String, String> overrides = new LinkedHashMap<>();
    Map<String, String> named = new LinkedHashMap<>();
    for (int i = 0; i < argv.length; i++) {
      String arg = argv[i];
      if (!arg.startsWith("--") || i + 1 >= argv.length) {
        throw new UserError("unexpected argument '" + arg + "'; usage: [--config FILE] [--set key=value ...] "
            + "--features DIR --out DIR [--users ID,...] [--parallelism N] | --mode stream [--config FILE] "
            + "[--set key=value ...] "
            + "--features DIR");
      }
      String value = argv[++i];
      switch (arg) {
        case "--config" -> configFile = Path.of(value);
        case "--set" -> {
          int eq = value.indexOf('=');
          if (eq <= 0) {
            throw new UserError("--set takes key=value, not '" + value + "'");
          }
          overrides.put(value.substring(0, eq), value.substring(eq + 1));
        }
        default -> named.put(arg.substring(2), value);
      }
    }
    Config config = Config.load(configFile, overrides); // fails here, before submission, on an unknown key
    String features = need(named, "features");
    if (!Files.isDirectory(Path.of(features))) {
      throw new UserError("--features " + features + " is not a directory (a feature job's output)");
    }
    String mode = named.getOrDefault("mode", "batch");
    if (mode.equals("stream")) {
      runStream(config, features, named);
      return;
    }
    if (!mode.equals("batch")) {
      throw new UserError("--mode must be batch or stream, not '" + mode + "'");
    }
    List<String> users = named.containsKey("users") ? Arrays.asList(named.get("users").split(",")) : null;

    String out = need(named, "out");
    Set<String> wanted = users == null ? null : new LinkedHashSet<>(users);
    FeatureLayout layout = new FeatureLayout(Path.of(features).toAbsolutePath());
    long shoppers = ReasonJob.ProfileScan.of(layout.profiles(), wanted, 0).total();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    if (named.containsKey("parallelism")) {
      env.setParallelism(parallelism(named.get("parallelism")));
    }
    String outUri = out.contains("://") ? out : Path.of(out).toAbsolutePath().toUri().toString();
    clearParts(outUri);
    new ReasonBatchJob(config, new ReasonSources(layout.root().toString()), shoppers, wanted)
        .wire(env, ReasonBatchJob.profileFiles(layout.profiles().toUri().toString()),
            ReasonBatchJob.recommendationParts(outUri));
    System.err.println("[reasons] submitting the reason job: " + shoppers + " profiles in " + layout.profiles()
        + " -> " + outUri + "/" + ReasonBatchJob.RECOMMENDATIONS_DIR);
    env.execute(named.getOrDefault("job-name", "reasonflow-reasons"));
  }

  /** A previous run's parts would be read as this run's: the sink adds parts, it does not replace a directory. */
  private static void clearParts(String outUri) throws IOException {
    var parts = new org.apache.flink.core.fs.Path(new org.apache.flink.core.fs.Path(outUri),
        ReasonBatchJob.RECOMMENDATIONS_DIR);
    var fs = parts.getFileSystem();
    if (fs.exists(parts)) {
      fs.delete(parts, true);
    }
  }

  private static int parallelism(String value) {
    try {
      int p = Integer.parseInt(value);
      if (p >= 1) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UserError("--parallelism must be a whole number >= 1, not '" + value + "'");
  }

  /** The streaming reason job (profiles topic -> reasons topic); runs until cancelled. */
  static void runStream(Config config, String features, Map<String, String> named) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    // Exactly-once Kafka output is only visible once a checkpoint commits it: without checkpoints nothing would
    // ever appear, so the job turns them on itself when the cluster has not.
    if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
      env.enableCheckpointing(config.duration("features.stream.checkpoint-interval").toMillis(),
          org.apache.flink.core.execution.CheckpointingMode.EXACTLY_ONCE);
    }
    ReasonStreamJob job = new ReasonStreamJob(config, Path.of(features).toAbsolutePath().toString());
    job.wire(env, job.kafkaSource(), job.kafkaSink());
    System.err.println("[reasons] streaming: " + config.string("kafka.profiles.topic") + " -> "
        + config.string("kafka.reasons.topic") + ", features " + features);
    env.execute(named.getOrDefault("job-name", "reasonflow-reasons-stream"));
  }

  private static String need(Map<String, String> named, String name) {
    String v = named.get(name);
    if (v == null) {
      throw new UserError("missing --" + name);
    }
    return v;
  }
}
