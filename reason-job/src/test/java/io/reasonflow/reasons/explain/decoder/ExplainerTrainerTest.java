package io.reasonflow.reasons.explain.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reasonflow.reasons.explain.ExplanationExample;
import io.reasonflow.reasons.explain.ExplanationExample.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainerTrainerTest {
  /**
   * Training must cut the per-token loss at least this many times from the first epoch to the last
   * (measured: about 20x on these eight sentences; 5x leaves room for other CPUs' arithmetic).
   */
  static final double LOSS_FALL = 5;

  static ExplainerModel model;
  static final List<String> log = new ArrayList<>();
  @TempDir static Path dir;

  @BeforeAll
  static void train() {
    ExplainerModel.class.getName();
    model =
        ExplainerTrainer.train(
            TinyExamples.tinyConfig(true, 60), TinyExamples.learnable(), dir, log::add);
  }

  @Test
  void lossFallsOnTheHandMadeExamples() {
    List<Double> loss = model.metadata().trainLoss();
    assertTrue(
        loss.getFirst() / loss.getLast() >= LOSS_FALL,
        "train loss " + loss.getFirst() + " -> " + loss.getLast());
    List<Double> valid = model.metadata().validationLoss();
    assertTrue(valid.get(model.metadata().bestEpoch() - 1) * LOSS_FALL <= valid.getFirst());
  }

  @Test
  void writesTheSentencesItLearned() {
    List<ExplanationExample> train =
        TinyExamples.learnable().stream().filter(e -> e.split() == Split.TRAIN).toList();
    List<java.util.Optional<String>> out =
        new DecoderExplanationGenerator(model, true).explainAll(train);
    int exact = 0;
    for (int i = 0; i < train.size(); i++) {
      if (out.get(i).orElse("").equals(train.get(i).sentence())) {
        exact++;
      }
    }
    // memorised: most of the eight come back word for word (the decoder's no-repeat rule may
    // alter a sentence that repeats a bigram)
    assertTrue(exact >= 6, "reproduced " + exact + " of 8: " + out);
  }

  @Test
  void reportsProgressWithRateAndEtaAndDrawsTheLossCurve() {
    assertTrue(
        log.stream().anyMatch(l -> l.contains("sentences/s") && l.contains("ETA")), "" + log);
    assertTrue(log.stream().anyMatch(l -> l.startsWith("epoch 60/60")), "" + log);
    assertTrue(Files.isRegularFile(dir.resolve("loss.explainer.en.png")));
  }

  /**
   * Float32 arithmetic in a different order (DL4J's native GEMM vs Lucene's SIMD dot products)
   * differs in the last bits; probabilities agree to well within this.
   */
  static final double PROBABILITY_TOLERANCE = 1e-4;

  @Test
  void thePlainJavaForwardPassGivesTheNetworksProbabilities() {
    ExplanationExample e = TinyExamples.learnable().get(2);
    List<String> tokens = model.tokeniser().split(e.sentence());
    EncodedSentence s =
        ExplainerTrainer.encode(tokens, model.condition().encode(e), model.vocabulary());
    var pack = ExplainerBatches.pack(List.of(s));
    float[][] probs =
        model
            .network()
            .output(false, pack.getFeatures())[0]
            .reshape(model.vocabulary().size(), s.length())
            .transpose()
            .toFloatMatrix();
    ExplainerForward forward = new ExplainerForward(model.network());
    ExplainerForward.State state = forward.new State(s.condition(), 0, s.condition().length);
    float[] logits = new float[model.vocabulary().size()];
    for (int t = 0; t < s.length(); t++) {
      state.step(s.inputs()[t], logits);
      double max = Double.NEGATIVE_INFINITY;
      for (float l : logits) {
        max = Math.max(max, l);
      }
      double sum = 0;
      for (float l : logits) {
        sum += Math.exp(l - max);
      }
      for (int v = 0; v < logits.length; v++) {
        double p = Math.exp(logits[v] - max) / sum;
        assertEquals(probs[t][v], p, PROBABILITY_TOLERANCE, "step " + t + " token " + v);
      }
    }
  }

  @Test
  void saveAndLoadGiveTheSameModel() {
    ExplainerModel loaded = ExplainerModel.load(dir, model.locale(), true);
    assertEquals(model.metadata(), loaded.metadata());
    assertEquals(model.network().params(), loaded.network().params());
    List<ExplanationExample> all = TinyExamples.learnable();
    assertEquals(
        new DecoderExplanationGenerator(model, false).explainAll(all),
        new DecoderExplanationGenerator(loaded, false).explainAll(all));
  }
}
