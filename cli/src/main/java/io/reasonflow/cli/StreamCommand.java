package io.reasonflow.cli;

import io.reasonflow.features.StreamingFeatureJob;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The streaming feature job in this JVM (a local Flink mini cluster): for trying the stream against
 * a Kafka broker before submitting the same job jar to a cluster with {@code submit --job features
 * -- --mode stream ...}.
 */
@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    description =
        "Run the streaming feature job locally against Kafka (kafka.* keys) until interrupted; needs "
            + "features.stream.model (a backfill's items.jsonl.gz) and features.stream.profile-store.")
final class StreamCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    // Validated here, with the CLI's one-line errors, before Flink starts.
    StreamingFeatureJob.submit(config.load(), StreamExecutionEnvironment.getExecutionEnvironment());
    return 0;
  }
}
