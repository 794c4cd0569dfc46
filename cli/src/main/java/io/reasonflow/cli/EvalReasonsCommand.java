package io.reasonflow.cli;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.reasons.ReasonEvaluation;
import io.reasonflow.reasons.decoder.DecoderTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Reason quality, decoder and template side by side, on real features: builds the features from the
 * data (or uses a given feature output), trains the decoder if no model is given, and prints the
 * table per locale.
 */
@Command(
    name = "eval-reasons",
    mixinStandardHelpOptions = true,
    description =
        "Faithfulness before/after the verifier, slot error rate, unique ratio, distinct-2, relation "
            + "accuracy, personalisation, held-out perplexity and novelty, for the decoder and the template baseline.")
final class EvalReasonsCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "A directory with events.tsv.gz and items.tsv.gz (e.g. ../shared/data/amazon-beauty-2014); the "
              + "feature job runs on it first.")
  Path data;

  @Option(
      names = "--features",
      paramLabel = "DIR",
      description = "An existing feature output instead of --data.")
  Path features;

  @Option(
      names = "--models",
      paramLabel = "DIR",
      description = "Trained decoder directory (default: train one into <work>/decoder).")
  Path models;

  @Option(
      names = "--users",
      defaultValue = "500",
      description = "Shoppers to evaluate (default ${DEFAULT-VALUE}).")
  int users;

  @Option(
      names = "--locale",
      split = ",",
      defaultValue = "en,zh-CN",
      description = "Locales (default ${DEFAULT-VALUE}).")
  List<String> locales;

  @Option(
      names = "--work",
      defaultValue = "target/eval-reasons",
      description = "Work directory (default ${DEFAULT-VALUE}).")
  Path work;

  @Mixin ConfigOptions config;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if ((data == null) == (features == null)) {
      throw new UserError(
          "give exactly one of --data DIR (raw events) or --features DIR (a feature job output)");
    }
    if (users < 1 || users > 1_000_000) {
      throw new UserError("--users must be in 1..1000000");
    }
    Config cfg = config.load();
    FeatureLayout layout = features != null ? new FeatureLayout(features) : buildFeatures(cfg);
    Path modelDir = models;
    if (modelDir == null) {
      modelDir = work.resolve("decoder");
      spec.commandLine()
          .getOut()
          .println("training the decoder into " + modelDir + " (pass --models DIR to reuse one)");
      DecoderTrainer.trainBoth(cfg, modelDir);
    }
    for (String locale : locales) {
      spec.commandLine()
          .getOut()
          .println(ReasonEvaluation.run(cfg, layout, modelDir, users, locale));
    }
    return 0;
  }

  private FeatureLayout buildFeatures(Config cfg) {
    Path events = data.resolve("events.tsv.gz");
    Path items = data.resolve("items.tsv.gz");
    if (!Files.isRegularFile(events)) {
      throw new UserError("no events.tsv.gz in " + data);
    }
    Path out = work.resolve("features");
    new io.reasonflow.features.FeatureJob(cfg)
        .runBatch(LocalFlink.batch(null), events, Files.isRegularFile(items) ? items : null, out);
    FeatureLayout layout = new FeatureLayout(out);
    io.reasonflow.index.IndexBuilder.build(
        layout.items(), layout.index(), io.reasonflow.index.IndexSettings.from(cfg));
    return layout;
  }
}
