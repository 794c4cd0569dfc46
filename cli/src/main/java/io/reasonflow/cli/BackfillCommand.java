package io.reasonflow.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The feature job as a BATCH backfill on a Flink cluster: {@code submit --job features -- --mode
 * batch ...}.
 */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description =
        "Submit a backfill (the feature job in BATCH mode over historical files) to a Flink cluster. "
            + "Paths are read by the cluster: use a file system every TaskManager sees.")
final class BackfillCommand implements Callable<Integer> {
  @Option(
      names = "--rest",
      defaultValue = "http://127.0.0.1:8081",
      description = "REST endpoint (default ${DEFAULT-VALUE}).")
  String rest;

  @Option(
      names = "--events",
      required = true,
      description = "Event files or directory, as the cluster sees them.")
  String events;

  @Option(names = "--items", description = "Item catalogue, as the cluster sees it.")
  String items;

  @Option(
      names = "--out",
      required = true,
      description = "Output directory, as the cluster sees it.")
  String out;

  @Option(names = "--config", description = "Configuration file, as the cluster sees it.")
  String config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override one configuration key (repeatable).")
  Map<String, String> overrides = new java.util.LinkedHashMap<>();

  @Option(names = "--jar", description = "Job jar (default: feature-job/target/*-job.jar).")
  Path jar;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<String> args =
        new ArrayList<>(List.of("--mode", "batch", "--events", events, "--out", out));
    if (items != null) {
      args.addAll(List.of("--items", items));
    }
    if (config != null) {
      args.addAll(List.of("--config", config));
    }
    overrides.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
    SubmitCommand.submit(spec.commandLine().getOut(), rest, SubmitCommand.Job.FEATURES, jar, args);
    return 0;
  }
}
