package io.reasonflow.reasons.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.reasons.TinyFeatures;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReasonEvaluatorTest {
  @TempDir Path dir;

  @Test
  void tinyFeaturesScoreBothRealisersAndNothingUnverifiedIsEmitted() {
    TinyFeatures f = new TinyFeatures(dir);
    List<EvaluationCase> cases = new java.util.ArrayList<>();
    for (String c : List.of("B", "C", "E", "F")) {
      cases.add(new EvaluationCase(f.u1, c, f.evidence().build(f.u1, c)));
    }
    for (String c : List.of("A", "C", "E")) {
      cases.add(new EvaluationCase(f.u2, c, f.evidence().build(f.u2, c)));
    }
    DecoderModel model = TrainedDecoders.get(ReasonLocale.EN);
    NeuralRealiser neural =
        new NeuralRealiser(List.of(model), f.renderer, 0.5, DecodingSettings.defaults());
    EvaluationReport report =
        new ReasonEvaluator(
                f.verifier(),
                new io.reasonflow.reasons.realise.TemplateRealiser(f.renderer, 0.5),
                neural,
                model,
                0.5)
            .evaluate(cases, ReasonLocale.EN, ReasonBank.shipped(ReasonLocale.EN));

    RealiserScores t = report.scores("template");
    RealiserScores d = report.scores(NeuralRealiser.NAME);
    assertThat(t.reasons()).isEqualTo(7);
    assertThat(d.reasons()).isEqualTo(7);
    assertThat(t.faithfulBeforeVerifier()).isEqualTo(1.0);
    assertThat(t.faithfulAfterVerifier()).isEqualTo(1.0);
    assertThat(d.faithfulAfterVerifier()).isEqualTo(1.0);
    assertThat(t.slotErrorRate())
        .isZero(); // the templates quote the strongest evidence by construction
    // C and E are recommended to both shoppers, from different anchors: the texts differ
    assertThat(t.personalisation()).isEqualTo(1.0);
    assertThat(report.heldOutPerplexity()).isFinite().isGreaterThan(1);
    assertThat(report.toText()).contains("template", "decoder", "perplexity");
  }

  @Test
  void syntheticSampleShowsTheDecoderWordsRelationsTheTemplatesLeaveUnsaid() {
    SyntheticWorld w = new SyntheticWorld(21);
    List<EvaluationCase> cases = w.cases(300, 5);
    for (ReasonLocale locale : ReasonLocale.values()) {
      DecoderModel model = TrainedDecoders.get(locale);
      NeuralRealiser neural =
          new NeuralRealiser(List.of(model), w.renderer, 0.5, DecodingSettings.defaults());
      EvaluationReport report =
          new ReasonEvaluator(w.verifier, w.template, neural, model, 0.5)
              .evaluate(cases, locale, ReasonBank.shipped(locale));
      RealiserScores t = report.scores("template");
      RealiserScores d = report.scores(NeuralRealiser.NAME);
      assertThat(t.faithfulAfterVerifier()).isEqualTo(1.0);
      assertThat(d.faithfulAfterVerifier()).isEqualTo(1.0);
      assertThat(d.faithfulBeforeVerifier()).isBetween(0.0, 1.0);
      // the templates never word a substitute as one, so their relation accuracy is capped by the
      // complements
      assertThat(t.relationCases()).isPositive();
      assertThat(t.relationAccuracy()).isLessThan(1.0);
      for (RealiserScores s : report.scores()) {
        assertThat(s.uniqueSentenceRatio()).isBetween(0.0, 1.0);
        assertThat(s.distinct2()).isBetween(0.0, 1.0);
        assertThat(s.novelty()).isBetween(0.0, 1.0);
        assertThat(s.slotErrorRate()).isGreaterThanOrEqualTo(0.0);
      }
      System.out.print(report.toText());
    }
  }
}
