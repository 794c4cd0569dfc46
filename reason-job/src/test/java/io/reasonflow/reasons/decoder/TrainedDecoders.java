package io.reasonflow.reasons.decoder;

import io.reasonflow.reasons.realise.ReasonLocale;
import java.util.EnumMap;
import java.util.Map;

/**
 * Small decoders trained once per test JVM on the shipped banks (seconds each, one evidence sample
 * per sentence, large batches), shared by the test classes that need a trained model. Undertrained
 * on purpose: the constraints and the verifier loop must hold whatever the network has learnt.
 */
final class TrainedDecoders {
  private static final Map<ReasonLocale, DecoderModel> MODELS = new EnumMap<>(ReasonLocale.class);

  static {
    DecoderModel.nativeThreads(1); // test JVMs share the machine with other builds
  }

  private TrainedDecoders() {}

  static DecoderTrainingConfig config(ReasonLocale locale, int epochs) {
    return new DecoderTrainingConfig(locale, 32, 1, epochs, 64, 0.02, 42, 1, 0.1, 0.25, 48);
  }

  static synchronized DecoderModel get(ReasonLocale locale) {
    return MODELS.computeIfAbsent(
        locale,
        l ->
            DecoderTrainer.train(
                config(l, 3),
                ReasonBank.shipped(l),
                "reason-bank/" + l.tag() + ".tsv",
                null,
                line -> {}));
  }
}
