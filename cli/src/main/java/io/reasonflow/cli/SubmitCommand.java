package io.reasonflow.cli;

import io.reasonflow.common.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Submits a job jar to a running Flink cluster through its REST API, detached, and says what it
 * did: the job id, where to watch it and where its output goes. {@code backfill} is the feature job
 * in BATCH mode over files.
 */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description =
        "Submit a ReasonFlow job to a Flink cluster (REST, detached). Program arguments follow '--', e.g. "
            + "./reasonflow submit --job features -- --mode stream --config /etc/reasonflow.properties")
final class SubmitCommand implements Callable<Integer> {
  /** The jobs this command knows, with their job-jar module and entry point. */
  enum Job {
    FEATURES("feature-job", "io.reasonflow.features.FeatureJobMain"),
    REASONS("reason-job", "io.reasonflow.reasons.ReasonJobMain");

    final String module;
    final String mainClass;

    Job(String module, String mainClass) {
      this.module = module;
      this.mainClass = mainClass;
    }
  }

  @Option(
      names = "--rest",
      defaultValue = "http://127.0.0.1:8081",
      description = "The cluster's REST endpoint (default ${DEFAULT-VALUE}).")
  String rest;

  @Option(names = "--job", required = true, description = "features or reasons.")
  String job;

  @Option(
      names = "--jar",
      paramLabel = "FILE",
      description = "Job jar (default: <module>/target/*-job.jar, built by ./mvnw package).")
  Path jar;

  @Parameters(paramLabel = "ARGS", description = "Program arguments for the job's main (after --).")
  List<String> args = new ArrayList<>();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Job j = parseJob(job);
    submit(spec.commandLine().getOut(), rest, j, jar, args);
    return 0;
  }

  static Job parseJob(String name) {
    try {
      return Job.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserError("--job must be features or reasons, not '" + name + "'");
    }
  }

  static String submit(PrintWriter out, String rest, Job job, Path jar, List<String> args) {
    Path file = jar != null ? jar : defaultJar(job);
    if (!Files.isRegularFile(file)) {
      throw new UserError(
          "job jar not found: " + file + " (build it with ./mvnw -B -DskipTests package)");
    }
    FlinkRest flink = new FlinkRest(rest);
    out.printf("uploading %s (%,d MB) to %s%n", file, size(file) >> 20, rest);
    out.flush();
    String jarId = flink.upload(file);
    String jobId = flink.run(jarId, job.mainClass, args);
    out.printf(
        "submitted %s as Flink job %s (detached)%n  watch: %s%n  arguments: %s%n",
        job.mainClass, jobId, flink.webUi(jobId), String.join(" ", args));
    String outDir = valueOf(args, "--out");
    if (outDir != null) {
      out.printf("  output: %s (on the cluster's file system)%n", outDir);
    }
    return jobId;
  }

  private static String valueOf(List<String> args, String option) {
    int i = args.indexOf(option);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path defaultJar(Job job) {
    Path target = Home.dir().resolve(job.module).resolve("target");
    if (!Files.isDirectory(target)) {
      return target.resolve("reasonflow-" + job.module + "-job.jar");
    }
    try (Stream<Path> s = Files.list(target)) {
      return s.filter(p -> p.getFileName().toString().endsWith("-job.jar"))
          .findFirst()
          .orElse(target.resolve("reasonflow-" + job.module + "-job.jar"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
