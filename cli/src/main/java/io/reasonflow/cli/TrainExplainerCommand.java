package io.reasonflow.cli;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.reasons.decoder.DecoderModel;
import io.reasonflow.reasons.explain.ExplanationDataset;
import io.reasonflow.reasons.explain.ExplanationDatasets;
import io.reasonflow.reasons.explain.ReviewSplit;
import io.reasonflow.reasons.explain.decoder.ExplainerConfig;
import io.reasonflow.reasons.explain.decoder.ExplainerTrainer;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains the review-sentence explainer (issue 14) of one locale on the explanation data set built
 * from the shared reviews, choosing the epoch on the validation split.
 */
@Command(
    name = "train-explainer",
    mixinStandardHelpOptions = true,
    description =
        "Train the explanation decoder (DL4J LSTM conditioned on the evidence and the retrieved"
            + " neighbours) for one locale on review sentences; shows progress with rate and ETA,"
            + " writes explainer.<locale>[.no-neighbours].zip/.json and a loss plot PNG into --out.")
final class TrainExplainerCommand implements Callable<Integer> {
  @Option(
      names = "--locale",
      required = true,
      description = "en (Amazon Instruments reviews) or zh-CN (zh-shopping-reviews).")
  String locale;

  @Option(
      names = "--data",
      defaultValue = "../shared/data",
      description = "The shared data directory (default ${DEFAULT-VALUE}).")
  Path data;

  @Option(
      names = "--out",
      defaultValue = "target/explainer",
      description = "Model directory (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--no-neighbours",
      description = "Train the ablation: the same model without the neighbours' facts as input.")
  boolean noNeighbours;

  @Option(
      names = "--epochs",
      description = "Most epochs (default: the locale's default, 12); validation loss may stop it.")
  Integer epochs;

  @Option(
      names = "--budget-minutes",
      defaultValue = "12",
      description =
          "Wall-clock budget of the fitting (default ${DEFAULT-VALUE}; loading the data comes on"
              + " top): no epoch starts that would overrun it.")
  double budgetMinutes;

  @Mixin ConfigOptions config;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ReasonLocale loc;
    try {
      loc = ReasonLocale.parse(locale.equals("zh") ? "zh-CN" : locale);
    } catch (IllegalArgumentException e) {
      throw new UserError("--locale must be en or zh-CN, not " + locale);
    }
    if (!Files.isDirectory(data)) {
      throw new UserError(
          "data directory not found: " + data + " (point --data at the shared data directory)");
    }
    if (budgetMinutes <= 0 || (epochs != null && epochs < 1)) {
      throw new UserError("--budget-minutes must be > 0 and --epochs at least 1");
    }
    Config cfg = config.load();
    // same semantics as train-decoder: one native thread unless asked, see nativeThreads
    DecoderModel.nativeThreads(cfg.integer("decoder.native-threads", 1, 256));
    var printer = spec.commandLine().getOut();
    ExplanationDataset ds =
        ExplanationDatasets.load(
            data,
            loc.tag(),
            ReviewSplit.DEFAULT_SEED,
            line -> {
              printer.println(line);
              printer.flush();
            });
    ExplainerConfig c = ExplainerConfig.defaults(loc, !noNeighbours);
    c = c.withEpochs(epochs == null ? c.maxEpochs() : epochs, budgetMinutes * 60);
    Set<String> claims = new HashSet<>();
    claims.addAll(ds.vocabulary().aspects());
    claims.addAll(ds.vocabulary().productTypes());
    claims.addAll(ds.vocabulary().attributes());
    ExplainerTrainer.train(
        c,
        ds.examples(),
        claims,
        out,
        line -> {
          printer.println(line);
          printer.flush();
        });
    return 0;
  }
}
