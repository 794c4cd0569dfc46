package io.reasonflow.features;

import io.reasonflow.common.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

final class Fixtures {
  private Fixtures() {}

  /** Small, fast item2vec settings: the fixtures have a handful of items. */
  static Config smallConfig() {
    return Config.load(
        null,
        Map.of(
            "features.item2vec.dim", "8",
            "features.item2vec.epochs", "2",
            "features.item2vec.window", "2",
            "features.item2vec.subsampling", "0"));
  }

  /**
   * A local BATCH environment at parallelism 2 (the CLI makes its own the same way, {@code
   * LocalFlink}): two subtasks, so the keyed operators and parallel sinks are exercised on every
   * test run.
   */
  static StreamExecutionEnvironment batchEnv() {
    return batchEnv(2);
  }

  static StreamExecutionEnvironment batchEnv(int parallelism) {
    Configuration conf = new Configuration();
    conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
    return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
  }

  static Path write(Path file, String... lines) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (String l : lines) {
      b.write(l.getBytes(StandardCharsets.UTF_8));
      b.write('\n');
    }
    Files.write(file, b.toByteArray());
    return file;
  }

  static long min(int m) {
    return 1_400_000_000_000L + m * 60_000L;
  }
}
