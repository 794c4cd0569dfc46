package io.reasonflow.reasons.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.reasons.evidence.AnchorEvidence;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.realise.Claim;
import io.reasonflow.reasons.realise.Lexicaliser;
import io.reasonflow.reasons.realise.RealisedReason;
import io.reasonflow.reasons.realise.ReasonLocale;
import io.reasonflow.reasons.realise.Slot;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Constrained decoding and the verifier loop on 400 synthetic recommendations per locale, with a
 * deliberately undertrained decoder: the guarantees come from the constraints and the verifier, not
 * from training going well.
 */
class NeuralRealiserTest {
  private static final int CASES = 400;
  private static final DecodingSettings SETTINGS = new DecodingSettings(4, 48, 0.7, 2);

  @Test
  void everyBeamOfALargeSampleKeepsTheConstraints() {
    SyntheticWorld w = new SyntheticWorld(11);
    List<EvaluationCase> cases = w.cases(CASES, 3);
    List<Evidence> evidence = cases.stream().map(EvaluationCase::evidence).toList();
    for (ReasonLocale locale : ReasonLocale.values()) {
      DecoderModel model = TrainedDecoders.get(locale);
      NeuralRealiser neural = new NeuralRealiser(List.of(model), w.renderer, 0.5, SETTINGS);
      List<List<RealisedReason>> all = neural.alternativesBatch(evidence, locale);
      int checked = 0;
      for (int i = 0; i < CASES; i++) {
        Evidence e = evidence.get(i);
        assertThat(all.get(i).isEmpty())
            .as("beams for %s", e.anchors().stream().map(a -> AnchorFacts.of(a, e, 0.5)).toList())
            .isEqualTo(e.anchors().isEmpty());
        for (RealisedReason r : all.get(i)) {
          List<String> slots = Lexicaliser.slotNames(r.skeleton());
          assertThat(new HashSet<>(slots)).as(r.skeleton()).hasSize(slots.size()); // no slot twice
          List<Claim> anchors =
              r.claims().stream().filter(c -> c instanceof Claim.AnchorClaim).toList();
          assertThat(anchors).as(r.skeleton()).hasSize(1); // every reason cites exactly one anchor
          AnchorEvidence cited =
              e.anchors().stream()
                  .filter(a -> a.itemId().equals(anchors.get(0).anchor()))
                  .findFirst()
                  .orElseThrow();
          AnchorFacts facts = AnchorFacts.of(cited, e, 0.5);
          for (String s : slots) {
            assertThat(facts.supports(Slot.valueOf(s))).as(s + " in " + r.skeleton()).isTrue();
          }
          assertThat(model.tokeniser().split(r.skeleton()).size()).isLessThan(SETTINGS.maxTokens());
          assertThat(r.text()).isEqualTo(Lexicaliser.fill(r.skeleton(), r.claims()));
          assertThat(r.skeleton()).doesNotContainPattern("\\d");
          if (locale == ReasonLocale.ZH_CN) {
            assertThat(
                    r.text()
                        .codePoints()
                        .anyMatch(
                            c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                .as(r.text())
                .isTrue();
          }
          checked++;
        }
      }
      assertThat(checked).isGreaterThan(CASES);
    }
  }

  @Test
  void everyOutputOfTheVerifierLoopVerifiesAndTheLoopCountsWhatItReplaced() {
    SyntheticWorld w = new SyntheticWorld(12);
    List<EvaluationCase> cases = w.cases(CASES, 4);
    for (ReasonLocale locale : ReasonLocale.values()) {
      NeuralRealiser neural =
          new NeuralRealiser(List.of(TrainedDecoders.get(locale)), w.renderer, 0.5, SETTINGS);
      VerifiedRealiser loop = new VerifiedRealiser(neural, w.template, w.verifier);
      List<VerifiedRealiser.Outcome> out =
          loop.realiseBatch(
              cases.stream().map(EvaluationCase::profile).toList(),
              cases.stream().map(EvaluationCase::evidence).toList(),
              locale);
      long fromDecoder = 0;
      for (int i = 0; i < CASES; i++) {
        EvaluationCase c = cases.get(i);
        Optional<RealisedReason> r = out.get(i).reason();
        assertThat(r.isPresent()).isEqualTo(!c.evidence().anchors().isEmpty());
        if (r.isPresent()) {
          assertThat(
                  w.verifier.verify(c.profile(), c.candidateId(), r.get(), c.evidence()).failures())
              .as(r.get().text())
              .isEmpty();
          assertThat(r.get().realiser())
              .isEqualTo(
                  out.get(i).source() == VerifiedRealiser.Source.DECODER
                      ? NeuralRealiser.NAME
                      : "template");
          fromDecoder += out.get(i).source() == VerifiedRealiser.Source.DECODER ? 1 : 0;
        }
      }
      assertThat(loop.neuralAccepted()).isEqualTo(fromDecoder).isPositive();
      assertThat(loop.dropped()).isZero();
      assertThat(loop.neuralAccepted() + loop.fallbacks())
          .isEqualTo(cases.stream().filter(c -> !c.evidence().anchors().isEmpty()).count());
      assertThat(loop.rejectedBeams())
          .isEqualTo(out.stream().mapToLong(VerifiedRealiser.Outcome::rejectedBeams).sum());
    }
  }
}
