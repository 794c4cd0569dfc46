package io.reasonflow.cli;

import io.reasonflow.features.FeatureJob;
import io.reasonflow.features.FeatureRunSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the feature job as a backfill over historical files. */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description =
        "Backfill: run the feature job (Flink, BATCH mode) over historical event files and write item "
            + "features, user profiles, co-view counts and dead letters to an output directory.")
final class FeaturesCommand implements Callable<Integer> {
  @Option(
      names = "--events",
      required = true,
      paramLabel = "PATH",
      description = "Event file or directory (TSV/CSV with header, JSON lines; .gz allowed).")
  Path events;

  @Option(
      names = "--items",
      paramLabel = "PATH",
      description = "Item catalogue (TSV/CSV with item_id, title, ...).")
  Path items;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description = "Subtasks of the job's parallel operators (default: one per core).")
  Integer parallelism;

  @Option(
      names = "--index",
      description =
          "Also write the item index to OUT/index, one Lucene shard per subtask "
              + "(in place of a separate 'reasonflow index' run).")
  boolean index;

  @Mixin ConfigOptions config;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    FeatureRunSummary s =
        new FeatureJob(config.load())
            .runBatch(LocalFlink.batch(parallelism), events, items, out, index);
    spec.commandLine().getOut().printf("feature job: %s%noutputs in %s%n", s, out.toAbsolutePath());
    return 0;
  }
}
