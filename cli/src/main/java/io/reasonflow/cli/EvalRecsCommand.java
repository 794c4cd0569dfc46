package io.reasonflow.cli;

import io.reasonflow.common.UserError;
import io.reasonflow.features.eval.EvalTable;
import io.reasonflow.features.eval.NextItemEvaluator;
import java.nio.file.Files;
import java.nio.file.Path;
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
            + "(features.seqrec.*) and their blends, tuned on the validation item.")
final class EvalRecsCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      required = true,
      paramLabel = "PATH",
      description =
          "An events file, or a directory holding events.tsv.gz (e.g. ../shared/data/amazon-beauty-2014).")
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
    Path events = Files.isDirectory(data) ? data.resolve("events.tsv.gz") : data;
    if (!Files.isRegularFile(events)) {
      throw new UserError(
          "no events file at " + events + " (pass --data FILE or a directory with events.tsv.gz)");
    }
    EvalTable t = new NextItemEvaluator(plot).evaluate(config.load(), events);
    spec.commandLine().getOut().println(t.format());
    return 0;
  }
}
