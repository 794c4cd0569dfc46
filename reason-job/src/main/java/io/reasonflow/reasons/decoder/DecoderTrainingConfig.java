package io.reasonflow.reasons.decoder;

import io.reasonflow.common.config.Config;
import io.reasonflow.reasons.realise.ReasonLocale;

/**
 * Hyper-parameters of a decoder training run, from the {@code decoder.*} keys (documented, with
 * defaults, in {@code reasonflow-reference.properties}); every value is range-checked there or
 * here.
 */
public record DecoderTrainingConfig(
    ReasonLocale locale,
    int hiddenSize,
    int layers,
    int epochs,
    int batchSize,
    double learningRate,
    long seed,
    int samplesPerSentence,
    double heldOutFraction,
    double unusedEvidenceKeep,
    int maxTokens) {

  public DecoderTrainingConfig {
    check(hiddenSize >= 4 && hiddenSize <= 2048, "hiddenSize must be in 4..2048");
    check(layers >= 1 && layers <= 4, "layers must be in 1..4");
    check(epochs >= 1, "epochs must be at least 1");
    check(batchSize >= 1, "batchSize must be at least 1");
    check(learningRate > 0 && learningRate <= 1, "learningRate must be in (0, 1]");
    check(samplesPerSentence >= 1, "samplesPerSentence must be at least 1");
    check(heldOutFraction >= 0 && heldOutFraction < 1, "heldOutFraction must be in [0, 1)");
    check(
        unusedEvidenceKeep >= 0 && unusedEvidenceKeep <= 1, "unusedEvidenceKeep must be in [0, 1]");
    check(maxTokens >= 8, "maxTokens must be at least 8");
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  public static DecoderTrainingConfig fromConfig(Config c, ReasonLocale locale) {
    return new DecoderTrainingConfig(
        locale,
        c.integer("decoder.hidden-size", 4, 2048),
        c.integer("decoder.layers", 1, 4),
        c.integer("decoder.epochs", 1, 100_000),
        c.integer("decoder.batch-size", 1, 4096),
        c.decimal("decoder.learning-rate", 1e-6, 1),
        c.integer("decoder.seed", Integer.MIN_VALUE, Integer.MAX_VALUE),
        c.integer("decoder.samples-per-sentence", 1, 1000),
        c.decimal("decoder.held-out-fraction", 0, 0.5),
        c.decimal("decoder.unused-evidence-keep", 0, 1),
        c.integer("decoder.max-tokens", 8, 512));
  }

  public DecoderTrainingConfig withEpochs(int e) {
    return new DecoderTrainingConfig(
        locale,
        hiddenSize,
        layers,
        e,
        batchSize,
        learningRate,
        seed,
        samplesPerSentence,
        heldOutFraction,
        unusedEvidenceKeep,
        maxTokens);
  }

  public DecoderTrainingConfig withHiddenSize(int h) {
    return new DecoderTrainingConfig(
        locale,
        h,
        layers,
        epochs,
        batchSize,
        learningRate,
        seed,
        samplesPerSentence,
        heldOutFraction,
        unusedEvidenceKeep,
        maxTokens);
  }
}
