package io.reasonflow.cli;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.reasons.ReasonEvaluation;
import io.reasonflow.reasons.SampleReasonReport;
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
 * Reason quality on real features: builds the features from a shipped sample or the data (or uses a
 * given feature output) and prints, per locale, what the template realiser's reasons say ({@link
 * SampleReasonReport}: evidence kinds, unique ratio, dangling names, relation precision against the
 * labelled pairs, claim precision by an independent re-check before and after the verifier). The
 * decoder comparison runs only when asked for ({@code --models DIR} or {@code --train-decoder}):
 * training it takes minutes.
 */
@Command(
    name = "eval-reasons",
    mixinStandardHelpOptions = true,
    description =
        "Per sample and locale: evidence kinds, delexicalised unique ratio, dangling names, relation precision "
            + "against the labelled pairs, claim precision by an independent re-check before/after the verifier "
            + "(template realiser). With --models or --train-decoder also the decoder against the templates.")
final class EvalReasonsCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "A directory with events.tsv.gz and items.tsv.gz (e.g. ../shared/data/amazon-beauty-2014); the "
              + "feature job runs on it first.")
  Path data;

  @Option(
      names = "--sample",
      paramLabel = "NAME",
      description =
          "A shipped sample: beauty (samples/amazon-beauty-2014) or instruments "
              + "(samples/amazon-instruments-2014), or a sample directory; its demo.properties is used and "
              + "its features are built into <work>/<sample>/features unless --features is given.")
  String sample;

  @Option(
      names = "--labels",
      paramLabel = "DIR",
      description =
          "Labelled sets (relation-labels/, type-labels/) for the re-check (default: "
              + "reason-job/src/test/resources of this checkout, when present).")
  Path labels;

  @Option(
      names = "--train-decoder",
      description = "Train a decoder into <work>/decoder and compare it with the templates (slow).")
  boolean trainDecoder;

  @Option(
      names = "--features",
      paramLabel = "DIR",
      description = "An existing feature output instead of --data.")
  Path features;

  @Option(
      names = "--models",
      paramLabel = "DIR",
      description =
          "A trained decoder to compare with the templates (default: no decoder comparison).")
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
    if (sample == null && (data == null) == (features == null)) {
      throw new UserError(
          "give --sample NAME (beauty, instruments), or exactly one of --data DIR (raw events) or "
              + "--features DIR (a feature job output)");
    }
    if (sample != null && data != null) {
      throw new UserError("give --sample or --data, not both");
    }
    if (users < 1 || users > 1_000_000) {
      throw new UserError("--users must be in 1..1000000");
    }
    Config cfg;
    FeatureLayout layout;
    if (sample != null) {
      Path dir = Home.sample(sample);
      Path demoProperties = dir.resolve("demo.properties");
      cfg =
          DemoCommand.sampleRelative(
              config.load(Files.isRegularFile(demoProperties) ? demoProperties : null),
              demoProperties);
      layout =
          features != null
              ? new FeatureLayout(features)
              : buildFeatures(
                  cfg,
                  DemoCommand.eventsFile(dir),
                  dir.resolve("items.tsv.gz"),
                  work.resolve(dir.getFileName().toString()).resolve("features"));
    } else {
      cfg = config.load();
      layout =
          features != null
              ? new FeatureLayout(features)
              : buildFeatures(
                  cfg,
                  data.resolve("events.tsv.gz"),
                  data.resolve("items.tsv.gz"),
                  work.resolve("features"));
    }
    Path labelDir = labels;
    if (labelDir == null) {
      Path shipped = Home.dir().resolve("reason-job/src/test/resources");
      labelDir = Files.isDirectory(shipped.resolve("relation-labels")) ? shipped : null;
    } else if (!Files.isDirectory(labelDir)) {
      throw new UserError("--labels " + labelDir + " is not a directory");
    }
    spec.commandLine()
        .getOut()
        .println(SampleReasonReport.run(cfg, layout, users, locales, labelDir));
    Path modelDir = models;
    if (modelDir == null && trainDecoder) {
      modelDir = work.resolve("decoder");
      spec.commandLine().getOut().println("training the decoder into " + modelDir);
      DecoderTrainer.trainBoth(cfg, modelDir);
    }
    if (modelDir != null) {
      for (String locale : locales) {
        spec.commandLine()
            .getOut()
            .println(ReasonEvaluation.run(cfg, layout, modelDir, users, locale));
      }
    }
    return 0;
  }

  private FeatureLayout buildFeatures(Config cfg, Path events, Path items, Path out) {
    if (!Files.isRegularFile(events)) {
      throw new UserError("no event file " + events);
    }
    spec.commandLine().getOut().println("building features from " + events + " into " + out);
    new io.reasonflow.features.FeatureJob(cfg)
        .runBatch(LocalFlink.batch(null), events, Files.isRegularFile(items) ? items : null, out);
    FeatureLayout layout = new FeatureLayout(out);
    io.reasonflow.index.IndexBuilder.build(
        layout.items(), layout.index(), io.reasonflow.index.IndexSettings.from(cfg));
    return layout;
  }
}
