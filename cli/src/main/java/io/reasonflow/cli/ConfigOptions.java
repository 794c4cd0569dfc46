package io.reasonflow.cli;

import io.reasonflow.common.config.Config;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE} and {@code --set key=value}, shared by every command that reads
 * configuration.
 */
public final class ConfigOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Configuration file (Java properties; every key is in docs/configuration.md).")
  Path file;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override one configuration key (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  /**
   * {@code --locale TAG}, for the commands that write reasons: the same as {@code --set
   * reasons.locale=TAG}.
   */
  public static final class WithLocale {
    @picocli.CommandLine.Mixin ConfigOptions config;

    @Option(
        names = "--locale",
        paramLabel = "TAG",
        description = "Language of the reasons: en or zh-CN " + "(sets reasons.locale).")
    String locale;

    public Config load() {
      return load(null);
    }

    public Config load(Path defaultFile) {
      if (locale != null) {
        config.overrides.put("reasons.locale", locale);
      }
      return config.load(defaultFile);
    }
  }

  public Config load() {
    return Config.load(file, overrides);
  }

  /** Like {@link #load} but with {@code defaultFile} when the user gave no --config. */
  public Config load(Path defaultFile) {
    return Config.load(file != null ? file : defaultFile, overrides);
  }
}
