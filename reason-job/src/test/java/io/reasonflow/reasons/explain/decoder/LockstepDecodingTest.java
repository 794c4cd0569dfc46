package io.reasonflow.reasons.explain.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reasonflow.reasons.explain.ExplanationExample;
import io.reasonflow.reasons.explain.ExplanationExample.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decoding many sentences in lock-step writes exactly, token for token, what decoding them one at a
 * time writes, constrained or not, whatever the group size: no tolerance, because every logit is
 * the same chain of fused multiply-adds whichever sentences share the step ({@link RowProducts}).
 */
class LockstepDecodingTest {
  static ExplainerModel model;
  static List<ExplanationExample> inputs;

  @BeforeAll
  static void train() {
    // a few epochs: a model that has not settled on one sentence, so lengths and words vary
    model =
        ExplainerTrainer.train(
            TinyExamples.tinyConfig(true, 4), TinyExamples.learnable(), null, l -> {});
    // every aspect with every product type and brand of the tiny data: 8 x 8 inputs
    List<ExplanationExample> rows = TinyExamples.learnable();
    inputs = new ArrayList<>();
    for (ExplanationExample a : rows.subList(0, 16)) {
      for (ExplanationExample t : rows.subList(0, 16)) {
        if (a.split() == Split.TRAIN && t.split() == Split.TRAIN) {
          inputs.add(
              TinyExamples.example(
                  a.reviewId() + t.reviewId(),
                  "",
                  a.features(),
                  a.opinions(),
                  t.productType(),
                  t.attributes(),
                  Split.TEST));
        }
      }
    }
  }

  @Test
  void lockstepWritesWhatOneAtATimeWrites() {
    ExplainerDecoder decoder = new ExplainerDecoder(model);
    for (boolean constrained : List.of(false, true)) {
      List<List<String>> alone = decoder.decode(inputs, constrained, 1);
      Set<Integer> lengths = alone.stream().map(List::size).collect(Collectors.toSet());
      // sentences end at different steps, so some leave the group while others go on
      assertTrue(lengths.size() > 1, "lengths " + lengths);
      for (int width : List.of(2, 3, 4, 7, 64, Integer.MAX_VALUE)) {
        assertEquals(
            alone,
            decoder.decode(inputs, constrained, width),
            "lock-step of " + width + ", constrained " + constrained);
      }
    }
  }

  @Test
  void beamOfOneIsGreedyAndWiderBeamsKeepTheMasks() {
    ExplainerDecoder decoder = new ExplainerDecoder(model);
    ClaimLexicon claims = model.tokeniser().claims();
    for (boolean constrained : List.of(false, true)) {
      List<Set<String>> supported = constrained ? List.of() : null;
      // width 1 keeps the single most probable continuation: the greedy arg-max, token for token
      assertEquals(decoder.decode(inputs, constrained, 64), decoder.beam(inputs, supported, 1));
    }
    List<List<String>> wide = decoder.beam(inputs, List.of(), 4);
    for (int i = 0; i < inputs.size(); i++) {
      Set<String> ok = claims.supported(inputs.get(i));
      for (String t : wide.get(i)) {
        assertFalse(claims.unsupported(t, ok), "beam 4 wrote " + t + " in " + wide.get(i));
      }
    }
  }

  @Test
  void sampledSentencesAreTheSameInLockstepAndAgainAndDifferFromGreedy() {
    ExplainerDecoder decoder = new ExplainerDecoder(model);
    ExplainerDecoder.Sampling s = new ExplainerDecoder.Sampling(5, 1.0, 0, 14);
    List<List<String>> alone = decoder.decode(inputs, true, 1, s);
    assertEquals(alone, decoder.decode(inputs, true, 7, s), "lock-step of 7");
    assertEquals(alone, decoder.decode(inputs, true, Integer.MAX_VALUE, s), "all at once");
    assertTrue(
        !alone.equals(decoder.decode(inputs, true, 1, ExplainerDecoder.Sampling.GREEDY)),
        "sampling changed nothing");
    assertTrue(
        !alone.equals(
            decoder.decode(inputs, true, 1, new ExplainerDecoder.Sampling(5, 1.0, 0, 15))),
        "another seed changed nothing");
  }

  @Test
  void theGeneratorsBatchedAndSingleRequestsAgree() {
    for (boolean constrained : List.of(false, true)) {
      DecoderExplanationGenerator g = new DecoderExplanationGenerator(model, constrained);
      List<Optional<String>> batched = g.explainAll(inputs, 2);
      g.clearCache();
      List<Optional<String>> single = new ArrayList<>();
      for (ExplanationExample e : inputs) {
        single.add(g.lockstep(1).explain(e));
      }
      assertEquals(single, batched, "constrained " + constrained);
    }
  }

  @Test
  void theVectorArgMaxFindsWhatTheScanFinds() {
    Random r = new Random(14);
    for (int round = 0; round < 2_000; round++) {
      int n = 1 + r.nextInt(300);
      float[] scores = new float[n];
      boolean[] never = new boolean[n];
      for (int i = 0; i < n; i++) {
        // few distinct values, so ties are common; some masked, some -0.0 next to 0.0
        scores[i] = r.nextInt(7) == 0 ? -0.0f : (r.nextInt(9) - 4) * 0.5f;
        never[i] = r.nextInt(4) == 0;
      }
      int scan = -1;
      float best = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        if (!never[i] && scores[i] > best) {
          best = scores[i];
          scan = i;
        }
      }
      int vector = RowProducts.firstMax(scores, never, n);
      assertTrue(
          vector == scan || (scan == -1 && vector < 0), round + ": " + vector + " vs " + scan);
    }
  }

  @Test
  void theVectorKernelGivesTheScalarChainBitForBit() {
    assertTrue(RowProducts.vectorised(), "the tests run with --add-modules=jdk.incubator.vector");
    Random r = new Random(14);
    int depth = 192;
    for (int cols : List.of(64, 768, 5056, 37)) {
      float[] w = new float[depth * cols];
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) r.nextGaussian();
      }
      for (int n = 1; n <= 9; n++) {
        float[][] x = new float[n][depth];
        float[][] vec = new float[n][cols];
        float[][] ref = new float[n][cols];
        for (int b = 0; b < n; b++) {
          for (int k = 0; k < depth; k++) {
            x[b][k] = (float) Math.tanh(r.nextGaussian());
          }
          for (int j = 0; j < cols; j++) {
            vec[b][j] = ref[b][j] = (float) r.nextGaussian();
          }
        }
        RowProducts.multiplyAdd(x, n, depth, w, cols, vec);
        RowProducts.scalar(x, n, depth, w, cols, ref);
        for (int b = 0; b < n; b++) {
          assertArrayEquals(ref[b], vec[b], 0f, "cols " + cols + " n " + n + " row " + b);
        }
      }
    }
  }
}
