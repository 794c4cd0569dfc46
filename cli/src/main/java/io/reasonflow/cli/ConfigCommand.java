package io.reasonflow.cli;

import io.reasonflow.common.config.Config;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * Prints the effective configuration with where each value came from: the first thing to check on a
 * surprise.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description =
        "Print the effective configuration (defaults < --config file < --set) and each value's origin.")
final class ConfigCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Option(
      names = "--reference-doc",
      description = "Print docs/configuration.md (every key with its comment and default) instead.")
  boolean referenceDoc;

  @Override
  public Integer call() {
    if (referenceDoc) {
      spec.commandLine().getOut().print(ReferenceDoc.markdown());
      return 0;
    }
    Config c = config.load();
    for (Map.Entry<String, String> e : c.asMap().entrySet()) {
      spec.commandLine()
          .getOut()
          .printf("%-36s = %-12s # %s%n", e.getKey(), e.getValue(), c.origin(e.getKey()));
    }
    return 0;
  }
}
