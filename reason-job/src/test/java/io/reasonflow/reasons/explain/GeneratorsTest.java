package io.reasonflow.reasons.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.reasons.explain.ExplanationExample.Split;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The baselines and the evaluation runner on a hand-made data set. */
class GeneratorsTest {
  static ExplanationExample ex(
      String review,
      String item,
      String sentence,
      List<String> features,
      List<String> opinions,
      Split split) {
    return new ExplanationExample(
        review,
        "u",
        item,
        5,
        sentence,
        features,
        opinions,
        "tuner",
        List.of("Snark"),
        List.of(),
        split);
  }

  static final ExplanationDataset DATA =
      new ExplanationDataset(
          "en",
          List.of(
              ex(
                  "r1",
                  "A",
                  "Great tone for the money.",
                  List.of("tone"),
                  List.of("great"),
                  Split.TRAIN),
              ex(
                  "r2",
                  "A",
                  "Good price and fast shipping.",
                  List.of("price"),
                  List.of("good"),
                  Split.TRAIN),
              ex(
                  "r2",
                  "A",
                  "Cheap price, good price.",
                  List.of("price"),
                  List.of("cheap"),
                  Split.TRAIN),
              ex("r9", "A", "The price is good.", List.of("price"), List.of("good"), Split.TRAIN),
              ex("r3", "B", "Bright display.", List.of("display"), List.of("bright"), Split.TRAIN),
              ex(
                  "r9",
                  "A",
                  "Price is good, display too.",
                  List.of("price"),
                  List.of("good"),
                  Split.TEST),
              ex(
                  "r4",
                  "A",
                  "The tone is not great.",
                  List.of("tone"),
                  List.of("not great"),
                  Split.TEST)),
          Map.of("A", List.of("price", "tone")),
          new ClaimVocabulary(
              Set.of("tone", "price", "display"), Set.of("tuner"), Set.of("snark")));

  @Test
  void retrievalTakesTheItemsClosestTrainingSentenceNeverItsOwnReview() {
    RetrievalGenerator g = new RetrievalGenerator(DATA);
    ExplanationExample price = DATA.examples(Split.TEST).get(0);
    // r9's own training sentence shares the feature and the words but is the same review; of the
    // other two price sentences the one with "price" twice and "good" has the higher TF-IDF cosine
    // with the evidence words "price good"
    assertThat(g.explain(price)).contains("Cheap price, good price.");
    assertThat(g.explain(DATA.examples(Split.TEST).get(1))).contains("Great tone for the money.");
    assertThat(g.explain(ex("r5", "C", "x", List.of("tone"), List.of("great"), Split.TEST)))
        .isEmpty();
  }

  @Test
  void templateSaysTheFirstFeatureWithItsPolarity() {
    TemplateGenerator en = new TemplateGenerator(false);
    assertThat(en.explain(DATA.examples(Split.TEST).get(0)))
        .contains("Reviewers praise the price of this tuner.");
    assertThat(en.explain(DATA.examples(Split.TEST).get(1)))
        .contains("Reviewers complain about the tone of this tuner.");
    TemplateGenerator zh = new TemplateGenerator(true);
    ExplanationExample hotel =
        new ExplanationExample(
            "z",
            "",
            "酒店",
            1,
            "服务不好",
            List.of("服务"),
            List.of("不好"),
            "酒店",
            List.of(),
            List.of(),
            Split.TEST);
    assertThat(zh.explain(hotel)).contains("评价者对酒店的服务有抱怨。");
  }

  @Test
  void evaluationScoresEveryGeneratorAndTheVerifierReplacesUnsupportedClaims() {
    ExplanationGenerator parrot =
        new ExplanationGenerator() {
          @Override
          public String name() {
            return "parrot";
          }

          @Override
          public Optional<String> explain(ExplanationExample e) {
            return Optional.of(e.sentence()); // a cheat, to pin the metrics' top end
          }
        };
    ExplanationEvaluation.Result r =
        ExplanationEvaluation.run(
            DATA, List.of(parrot, new TemplateGenerator(false)), Split.TEST, 1, s -> {});
    ExplanationEvaluation.Row p = r.rows().get(0);
    assertThat(p.bleu4()).isEqualTo(100.0);
    assertThat(p.rougeL()).isEqualTo(100.0);
    // "Price is good, display too.": display is no evidence of item A (features price, item
    // aspects price and tone): 1 of its 2 claims; "The tone is not great.": 1 of 1
    assertThat(p.precisionBefore()).isEqualTo(2.0 / 3);
    assertThat(p.rejected()).isEqualTo(1);
    assertThat(p.precisionAfter()).isEqualTo(1.0);
    assertThat(r.rows().get(1).precisionBefore()).isEqualTo(1.0);
    assertThat(r.samples()).hasSize(2);
    assertThat(r.markdown()).contains("| parrot | 100.00 | 100.00 |").contains("P5 paper, Table 4");
  }
}
