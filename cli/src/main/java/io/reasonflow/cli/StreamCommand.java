package io.reasonflow.cli;

import io.reasonflow.features.StreamingFeatureJob;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The streaming feature job in this JVM (a local Flink mini cluster): for trying the stream against a Kafka broker
 * before submitting the same job jar to a cluster with {@code submit --job features -- --mode stream ...}.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
    description = "Run the streaming feature job locally against Kafka (kafka.* keys) until interrupted; needs "
        + "features.stream.model (a backfill's items.jsonl.gz) and features.stream.profile-store.")
final class StreamCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    config.load(); // validate keys and values here, with the CLI's one-line errors, before Flink starts
    List<String> args = new ArrayList<>();
    if (config.file != null) {
      args.add(config.file.toString());
    }
    config.overrides.forEach((k, v) -> args.add(k + "=" + v));
    StreamingFeatureJob.main(args.toArray(String[]::new));
    return 0;
  }
}
