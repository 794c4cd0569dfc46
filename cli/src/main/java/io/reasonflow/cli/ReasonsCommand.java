package io.reasonflow.cli;

import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.reasons.ReasonJob;
import io.reasonflow.reasons.ReasonJobResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Recommendations with verified reasons for every shopper (or the ones named). */
@Command(
    name = "reasons",
    mixinStandardHelpOptions = true,
    description =
        "Run the reason job over a feature output: top-k recommendations with verified reasons and their "
            + "evidence, to recommendations/part-*.jsonl.gz (a part per subtask) and report.html.")
final class ReasonsCommand implements Callable<Integer> {
  @Option(
      names = "--features",
      required = true,
      paramLabel = "DIR",
      description = "Feature job output directory.")
  Path features;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(
      names = "--users",
      split = ",",
      paramLabel = "ID",
      description = "Only these shoppers (default: all).")
  List<String> users;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description = "Subtasks of the local Flink job (default: one per core).")
  Integer parallelism;

  @Mixin ConfigOptions.WithLocale config;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ReasonJobResult r =
        ReasonJob.run(
            LocalFlink.batch(parallelism), config.load(), new FeatureLayout(features), out, users);
    spec.commandLine().getOut().printf("reason job: %s%n", r);
    return 0;
  }
}
