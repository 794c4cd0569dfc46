package io.reasonflow.reasons;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.store.FeatureLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Entry point of the reason job's shaded jar ({@code Main-Class}) for {@code flink run} and the REST API:
 *
 * <pre>
 * [--mode batch] [--config FILE] [--set key=value ...] --features DIR --out DIR [--users ID,ID,...]
 * --mode stream  [--config FILE] [--set key=value ...] --features DIR     (the streaming job: {@link ReasonStreamJob})
 * </pre>
 *
 * Stream mode reads profile updates from {@code kafka.profiles.topic} and writes recommendations to
 * {@code kafka.reasons.topic}, exactly once: transactions commit on checkpoints, taken every
 * {@code features.stream.checkpoint-interval} (the feature job's cadence, so a profile's reasons follow it by about
 * one interval) unless the cluster configuration already enables checkpointing.
 *
 * First version: {@link ReasonJob#run} is a plain loop over profiles, so the Flink job is one BATCH task that runs
 * it on a TaskManager (the JobManager that executes this main for REST submissions only builds the graph). It runs
 * detached: nothing after {@code env.execute} reads results; the task writes recommendations.jsonl.gz and
 * report.html to {@code --out} and logs the counts. Paths must be reachable from the TaskManagers.
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
            + "--features DIR --out DIR [--users ID,...] | --mode stream [--config FILE] [--set key=value ...] "
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
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    env.fromData(new Request(config, Path.of(features).toAbsolutePath().toString(),
            Path.of(out).toAbsolutePath().toString(), users == null ? null : new ArrayList<>(users)))
        .map(new RunReasonJob()).name("reason-job").setParallelism(1)
        .sinkTo(new DiscardingSink<>()).name("done").setParallelism(1);
    env.execute(named.getOrDefault("job-name", "reasonflow-reasons"));
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

  /** What one run needs; travels to the TaskManager with the job graph. */
  public record Request(Config config, String features, String out, ArrayList<String> users)
      implements java.io.Serializable {}

  /** Runs the whole reason job in one task; returns its result line (also logged to the TaskManager log). */
  static final class RunReasonJob implements MapFunction<Request, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String map(Request r) throws Exception {
      Path out = Path.of(r.out());
      Files.createDirectories(out);
      ReasonJobResult result = ReasonJob.run(r.config(), new FeatureLayout(Path.of(r.features())), out, r.users());
      String line = "[reasons] " + result;
      System.err.println(line);
      return line;
    }
  }
}
