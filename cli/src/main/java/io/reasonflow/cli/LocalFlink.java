package io.reasonflow.cli;

import io.reasonflow.common.UserError;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Flink environment of a command that runs a batch job in this JVM: a local mini cluster in
 * BATCH mode. Jobs take their environment from the caller (the same wiring runs on a cluster
 * through the jobs' {@code *Main} classes), so this is the one place the command line makes one.
 */
final class LocalFlink {
  private LocalFlink() {}

  /** One subtask per core, the most a local run can use. */
  static int defaultParallelism() {
    return Runtime.getRuntime().availableProcessors();
  }

  static StreamExecutionEnvironment batch(Integer parallelism) {
    int p = parallelism == null ? defaultParallelism() : parallelism;
    if (p < 1) {
      throw new UserError("--parallelism must be at least 1, got " + p);
    }
    Configuration conf = new Configuration();
    conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
    return StreamExecutionEnvironment.createLocalEnvironment(p, conf);
  }
}
