package io.reasonflow.common;

import io.reasonflow.common.config.Config;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every job jar's entry point takes (a picocli mixin): which mode, the configuration as
 * the CLI reads it (reference defaults, then {@code --config FILE}, then each {@code --set}, last
 * wins), the parallelism and the job name. The entry points add their own inputs and outputs.
 */
public final class JobOptions {
  @Option(names = "--mode", defaultValue = "batch", description = "batch (default) or stream.")
  public String mode;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (properties).")
  public Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override one configuration key (repeatable).")
  public Map<String, String> overrides = new LinkedHashMap<>();

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description = "Parallelism of the batch job (default: the cluster's).")
  public Integer parallelism;

  @Option(names = "--job-name", description = "Flink job name.")
  public String jobName;

  public boolean batch() {
    return mode.equals("batch");
  }

  public boolean stream() {
    return mode.equals("stream");
  }

  /** The one-line problem with these options, or null. */
  public String problem() {
    if (!batch() && !stream()) {
      return "--mode must be batch or stream, not '" + mode + "'";
    }
    if (parallelism != null && parallelism < 1) {
      return "--parallelism must be a whole number >= 1, not " + parallelism;
    }
    return null;
  }

  /** The configuration; fails here, before submission, on an unknown key or a bad value. */
  public Config load() {
    return Config.load(config, overrides);
  }

  /** {@code jobName}, or {@code fallback} when none was given. */
  public String jobName(String fallback) {
    return jobName == null ? fallback : jobName;
  }
}
