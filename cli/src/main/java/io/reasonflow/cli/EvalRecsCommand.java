package io.reasonflow.cli;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.io.InputFiles;
import io.reasonflow.features.eval.EvalTable;
import io.reasonflow.features.eval.NextItemEvaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Next-item quality on the standard protocol, for every method side by side. */
@Command(
    name = "eval-recs",
    mixinStandardHelpOptions = true,
    description =
        "Leave-last-out next-item evaluation with full ranking over all items: HR@10 and NDCG@10 for "
            + "popularity, co-view item-kNN, item2vec, sequential item-kNN, a SASRec-style sequential model "
            + "(features.seqrec.*), a closed-form linear next-item model (features.linear-next.*) and their "
            + "blends, tuned on the validation item.")
final class EvalRecsCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      required = true,
      paramLabel = "PATH",
      description =
          "An events file, or a directory holding events.tsv.gz or other event files (e.g. "
              + "../shared/data/amazon-beauty-2014, ../shared/data/yoochoose-100k: without a user column, "
              + "sessions are the shoppers).")
  Path data;

  @Option(
      names = "--plot",
      paramLabel = "PNG",
      defaultValue = "eval-recs-seqrec.png",
      description =
          "Where to draw the sequential model's validation HR@10 by epoch (default: ${DEFAULT-VALUE}).")
  Path plot;

  @Mixin ConfigOptions config;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Path events =
        Files.isRegularFile(data.resolve("events.tsv.gz")) ? data.resolve("events.tsv.gz") : data;
    if (!Files.exists(events)) {
      throw new UserError(
          "no events at "
              + events
              + " (pass --data FILE, or a directory with events.tsv.gz or other event files)");
    }
    List<Path> files = InputFiles.list(events);
    if (files.isEmpty()) {
      throw new UserError("no event files in " + events);
    }
    Config c = sessionsAsShoppers(config.load(), files.getFirst());
    EvalTable t = new NextItemEvaluator(plot).evaluate(c, events);
    spec.commandLine().getOut().println(t.format());
    return 0;
  }

  /**
   * Anonymous click logs (YOOCHOOSE) have sessions but no shoppers: when the first file's header
   * lacks the user column but has the session column, each session is a shopper (the session-based
   * protocol); a missing type column means every event is {@code input.default-type}. Said on
   * stderr, so nobody mistakes the rows for per-shopper figures.
   */
  private Config sessionsAsShoppers(Config c, Path first) {
    List<String> header = header(first);
    if (header == null) {
      return c;
    }
    String user = c.string("input.columns.user");
    String session = c.string("input.columns.session");
    String type = c.string("input.columns.type");
    if (!header.contains(user) && !session.isEmpty() && header.contains(session)) {
      spec.commandLine()
          .getErr()
          .printf(
              "%s has no %s column: each %s is a shopper (sessions as shoppers)%n",
              first.getFileName(), user, session);
      c = c.with("input.columns.user", session);
    }
    if (!type.isEmpty() && !header.contains(type)) {
      c = c.with("input.columns.type", "");
    }
    return c;
  }

  /** The column names of a TSV/CSV file's header, or null for other files. */
  private static List<String> header(Path file) {
    String name = file.getFileName().toString();
    String sep =
        name.endsWith(".tsv") || name.endsWith(".tsv.gz")
            ? "\t"
            : name.endsWith(".csv") || name.endsWith(".csv.gz") ? "," : null;
    if (sep == null) {
      return null;
    }
    try (var in =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                name.endsWith(".gz")
                    ? new java.util.zip.GZIPInputStream(Files.newInputStream(file))
                    : Files.newInputStream(file),
                java.nio.charset.StandardCharsets.UTF_8))) {
      String line = in.readLine();
      return line == null ? null : List.of(line.strip().split(sep));
    } catch (java.io.IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
