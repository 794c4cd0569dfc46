package io.reasonflow.reasons.explain.decoder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reasonflow.reasons.explain.ExplanationExample;
import io.reasonflow.reasons.explain.ExplanationExample.Split;
import io.reasonflow.reasons.explain.decoder.ExplainerDecoder.Sampling;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Length control does what it says, token for token, and nothing else. An end-of-sentence bias
 * moves only the {@code </s>} score, so it can only change a step where {@code </s>} is, or
 * becomes, the arg-max: lowered, every greedy sentence is a prefix of its biased one (the steps
 * before greedy's end had another winner, which still wins); raised, every biased sentence is a
 * prefix of the greedy one. A minimum length forbids {@code </s>} before it, so greedy is a prefix
 * again and no sentence is shorter than the minimum unless the length bound cut it.
 */
class LengthControlTest {
  static ExplainerModel model;
  static List<ExplanationExample> inputs;
  static int maxTokens;

  @BeforeAll
  static void train() {
    // as in LockstepDecodingTest: a few epochs, so the sentences end at different lengths
    model =
        ExplainerTrainer.train(
            TinyExamples.tinyConfig(true, 4), TinyExamples.learnable(), null, l -> {});
    maxTokens = model.metadata().config().maxTokens();
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
  void noLengthControlIsGreedyTokenForToken() {
    ExplainerDecoder decoder = new ExplainerDecoder(model);
    for (boolean constrained : List.of(false, true)) {
      List<List<String>> greedy = decoder.decode(inputs, constrained, 64, Sampling.GREEDY);
      // a minimum of 1 is the rule greedy always had (never </s> first), a bias of 0 adds nothing
      assertEquals(
          greedy, decoder.decode(inputs, constrained, 64, Sampling.GREEDY.withLength(1, 0f)));
      assertEquals(
          greedy, decoder.decode(inputs, constrained, 64, Sampling.GREEDY.withLength(0, 0f)));
    }
  }

  @Test
  void aLoweredEndOfSentenceOnlyLengthens() {
    ExplainerDecoder decoder = new ExplainerDecoder(model);
    for (boolean constrained : List.of(false, true)) {
      List<List<String>> greedy = decoder.decode(inputs, constrained, 64);
      List<List<String>> longer =
          decoder.decode(inputs, constrained, 64, Sampling.GREEDY.withLength(0, -2f));
      int grew = 0;
      for (int i = 0; i < inputs.size(); i++) {
        List<String> g = greedy.get(i);
        List<String> l = longer.get(i);
        assertTrue(l.size() >= g.size() && l.subList(0, g.size()).equals(g), g + " -> " + l);
        grew += l.size() > g.size() ? 1 : 0;
      }
      assertTrue(grew > 0, "a bias of -2 lengthened no sentence, constrained " + constrained);
      // so low that </s> never wins: every sentence runs to the length bound
      for (List<String> s :
          decoder.decode(inputs, constrained, 64, Sampling.GREEDY.withLength(0, -1e6f))) {
        assertEquals(maxTokens, s.size(), s.toString());
      }
    }
  }

  @Test
  void aRaisedEndOfSentenceOnlyShortens() {
    ExplainerDecoder decoder = new ExplainerDecoder(model);
    List<List<String>> greedy = decoder.decode(inputs, true, 64);
    List<List<String>> shorter =
        decoder.decode(inputs, true, 64, Sampling.GREEDY.withLength(0, 2f));
    int shrank = 0;
    for (int i = 0; i < inputs.size(); i++) {
      List<String> g = greedy.get(i);
      List<String> s = shorter.get(i);
      assertTrue(s.size() <= g.size() && g.subList(0, s.size()).equals(s), g + " -> " + s);
      shrank += s.size() < g.size() ? 1 : 0;
    }
    assertTrue(shrank > 0, "a bias of +2 shortened no sentence");
    // so high that </s> wins as soon as it is allowed: one token each
    for (List<String> s : decoder.decode(inputs, true, 64, Sampling.GREEDY.withLength(0, 1e6f))) {
      assertEquals(1, s.size(), s.toString());
    }
  }

  @Test
  void aMinimumLengthHoldsAndKeepsGreedysWords() {
    ExplainerDecoder decoder = new ExplainerDecoder(model);
    List<List<String>> greedy = decoder.decode(inputs, true, 64);
    int min = greedy.stream().mapToInt(List::size).max().orElseThrow();
    List<List<String>> atLeast =
        decoder.decode(inputs, true, 64, Sampling.GREEDY.withLength(min, 0f));
    for (int i = 0; i < inputs.size(); i++) {
      List<String> g = greedy.get(i);
      List<String> m = atLeast.get(i);
      assertTrue(m.size() >= Math.min(min, maxTokens), m.toString());
      assertEquals(g, m.subList(0, g.size()), "greedy is a prefix");
    }
  }

  @Test
  void lengthControlIsTheSameInLockstepAndInABeamOfOne() {
    ExplainerDecoder decoder = new ExplainerDecoder(model);
    for (Sampling s :
        List.of(
            Sampling.GREEDY.withLength(0, -1.5f),
            Sampling.GREEDY.withLength(6, 0.5f),
            new Sampling(3, 1.0, 2, 14).withLength(4, -1f))) {
      List<List<String>> alone = decoder.decode(inputs, true, 1, s);
      for (int width : List.of(3, 64)) {
        assertEquals(alone, decoder.decode(inputs, true, width, s), s + ", lock-step " + width);
      }
      if (s.greedy()) {
        // the beam adds the bias to </s>'s log-probability; with one hypothesis that is the
        // same arg-max as adding it to the logit
        assertEquals(alone, decoder.beam(inputs, List.of(), 1, s), s + ", beam of 1");
      }
    }
  }

  @Test
  void badLengthControlIsRefusedWithItsValues() {
    assertThatThrownBy(() -> Sampling.GREEDY.withLength(-1, 0f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("min tokens >= 0")
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> Sampling.GREEDY.withLength(0, Float.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
  }
}
