package io.reasonflow.reasons.explain.decoder;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reasonflow.reasons.explain.ExplanationExample;
import io.reasonflow.reasons.explain.ExplanationExample.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A decoder trained to write "fender" and "tone" in every sentence: unconstrained it writes them
 * also for an item whose evidence names neither; constrained it never does, whatever the input.
 */
class ConstrainedDecodingTest {
  static ExplainerModel model;

  @BeforeAll
  static void train() {
    List<ExplanationExample> data = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      for (Split s : List.of(Split.TRAIN, Split.VALIDATION)) {
        // the planted claims: every sentence praises a fender's tone, whatever its evidence
        data.add(
            TinyExamples.example(
                "t" + i + s,
                "the fender tone is great.",
                List.of("tone"),
                List.of("great"),
                "pedal",
                List.of("Fender"),
                s));
        data.add(
            TinyExamples.example(
                "p" + i + s,
                "the fender tone is great for the price.",
                List.of("price"),
                List.of("great"),
                "amp",
                List.of("Fender"),
                s));
      }
    }
    model = ExplainerTrainer.train(TinyExamples.tinyConfig(true, 40), data, null, l -> {});
  }

  /** An item whose own facts support neither the brand nor the aspect; its neighbours name both. */
  static List<ExplanationExample> unsupported() {
    return List.of(
        TinyExamples.example(
            "x1", "", List.of("price"), List.of("great"), "amp", List.of(), Split.TEST),
        TinyExamples.example("x2", "", List.of(), List.of(), "", List.of(), Split.TEST),
        TinyExamples.example(
            "x3", "", List.of("price"), List.of("great"), "pedal", List.of("Boss"), Split.TEST));
  }

  static boolean claimsUnsupported(ExplanationExample e, Optional<String> sentence) {
    ClaimLexicon claims = model.tokeniser().claims();
    Set<String> supported = claims.supported(e);
    return sentence.isPresent()
        && model.tokeniser().split(sentence.get()).stream()
            .anyMatch(t -> claims.unsupported(t, supported));
  }

  @Test
  void theUnconstrainedDecoderWritesThePlantedClaims() {
    List<ExplanationExample> xs = unsupported();
    List<Optional<String>> out = new DecoderExplanationGenerator(model, false).explainAll(xs);
    assertTrue(claimsUnsupported(xs.getFirst(), out.getFirst()), "unconstrained: " + out);
  }

  @Test
  void theConstrainedDecoderNeverWritesAnUnsupportedClaim() {
    List<ExplanationExample> xs = unsupported();
    List<Optional<String>> out = new DecoderExplanationGenerator(model, true).explainAll(xs);
    for (int i = 0; i < xs.size(); i++) {
      assertFalse(claimsUnsupported(xs.get(i), out.get(i)), "constrained: " + out.get(i));
      assertFalse(out.get(i).orElse("").contains("fender"), "constrained: " + out.get(i));
      assertFalse(out.get(i).orElse("").contains("tone"), "constrained: " + out.get(i));
    }
  }

  @Test
  void theConstrainedDecoderStillWritesSupportedClaims() {
    ExplanationExample e =
        TinyExamples.example(
            "y", "", List.of("tone"), List.of("great"), "pedal", List.of("Fender"), Split.TEST);
    Optional<String> out = new DecoderExplanationGenerator(model, true).explain(e);
    assertTrue(out.orElse("").contains("fender tone"), "constrained: " + out);
  }

  @Test
  void numbersAreClaimsBackedOnlyByTheItemsOwnFacts() {
    ClaimLexicon claims = model.tokeniser().claims();
    ExplanationExample e =
        TinyExamples.example("z", "", List.of(), List.of(), "9V adapter", List.of(), Split.TEST);
    Set<String> supported = claims.supported(e);
    assertFalse(claims.unsupported("9v", supported));
    assertTrue(claims.unsupported("12", supported));
    assertFalse(claims.unsupported("great", supported));
  }
}
