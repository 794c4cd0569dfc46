package io.reasonflow.reasons;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A local BATCH environment for tests that run the batch reason job (the CLI makes its own the same
 * way).
 */
public final class BatchEnvironments {
  private BatchEnvironments() {}

  public static StreamExecutionEnvironment local(int parallelism) {
    Configuration conf = new Configuration();
    conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
    return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
  }

  public static StreamExecutionEnvironment local() {
    return local(2);
  }
}
