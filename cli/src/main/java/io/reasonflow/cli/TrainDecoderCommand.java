package io.reasonflow.cli;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.reasons.decoder.DecoderModel;
import io.reasonflow.reasons.decoder.DecoderTrainer;
import io.reasonflow.reasons.decoder.DecoderTrainingConfig;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains the neural reason decoder on the shipped reason bank (or a platform's own bank in the same
 * format).
 */
@Command(
    name = "train-decoder",
    mixinStandardHelpOptions = true,
    description =
        "Train the reason decoder (DL4J LSTM) for en and zh-CN on the shipped reason bank, or one locale on "
            + "--bank FILE; shows progress and writes decoder.<locale>.zip/.json and loss.<locale>.png.")
final class TrainDecoderCommand implements Callable<Integer> {
  @Option(
      names = "--out",
      defaultValue = "target/decoder",
      description = "Model directory (default ${DEFAULT-VALUE}); point decoder.model-dir at it.")
  Path out;

  @Option(
      names = "--bank",
      paramLabel = "FILE",
      description =
          "Train on this bank (format: reason-job/src/main/resources/reason-bank/README.md) instead.")
  Path bank;

  @Mixin ConfigOptions config;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Config cfg = config.load();
    if (bank != null) {
      if (!Files.isRegularFile(bank)) {
        throw new UserError("reason bank not found: " + bank);
      }
      ReasonLocale locale = DecoderTrainer.localeOf(bank);
      DecoderModel m =
          DecoderTrainer.train(DecoderTrainingConfig.fromConfig(cfg, locale), bank, out);
      spec.commandLine()
          .getOut()
          .printf("trained %s decoder -> %s%n", locale.tag(), out.toAbsolutePath());
      return m == null ? 1 : 0;
    }
    DecoderTrainer.trainBoth(cfg, out);
    spec.commandLine()
        .getOut()
        .printf(
            "trained decoders for en and zh-CN -> %s (loss curves: loss.<locale>.png);"
                + " use them with --set reasons.realiser=decoder --set decoder.model-dir=%s%n",
            out.toAbsolutePath(), out.toAbsolutePath());
    return 0;
  }
}
