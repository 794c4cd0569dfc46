package io.reasonflow.reasons.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** BLEU, ROUGE, USR and PETER's feature metrics on tiny inputs, computed by hand below. */
class TextMetricsTest {
  static final double EPS = 1e-9;

  static List<String> t(String s) {
    return ExplanationTokens.of(s, false);
  }

  @Test
  void bleuOneCountsClippedUnigramMatches() {
    // 3 of 4 hypothesis words in the reference, equal lengths: no brevity penalty
    assertThat(Bleu.corpus(List.of(t("a b c d")), List.of(t("a b c e")), 1))
        .isCloseTo(75.0, within(EPS));
    // "the" is in the reference once: 1 of 3 matches counts; longer than the reference, bp = 1
    assertThat(Bleu.corpus(List.of(t("the cat")), List.of(t("the the the")), 1))
        .isCloseTo(100.0 / 3, within(EPS));
  }

  @Test
  void bleuAppliesTheBrevityPenalty() {
    // p1 = 2/2, hypothesis half as long: bp = exp(1 - 4/2) = e^-1
    assertThat(Bleu.corpus(List.of(t("a b c d")), List.of(t("a b")), 1))
        .isCloseTo(100 * Math.exp(-1), within(EPS));
  }

  @Test
  void bleuFourIsCorpusLevelAndUnsmoothed() {
    // no 4-gram of "a b c e" is in "a b c d": p4 = 0/1 and, unsmoothed, BLEU-4 is 0
    assertThat(Bleu.corpus(List.of(t("a b c d")), List.of(t("a b c e")), 4)).isZero();
    // counts are summed over the corpus before dividing: the 2-word pair has no 3- or 4-grams,
    // yet the corpus has all orders matched, so BLEU-4 is 100
    assertThat(
            Bleu.corpus(
                List.of(t("the tone is great"), t("good price")),
                List.of(t("the tone is great"), t("good price")),
                4))
        .isCloseTo(100.0, within(EPS));
  }

  @Test
  void rougeScoresDistinctNgramsAndTheLongestCommonSubsequence() {
    Rouge.Scores s = Rouge.of(List.of(t("a b c d")), List.of(t("a b e")));
    // 2 shared of 3 / 4: P 2/3, R 1/2, F = 2PR/(P+R) = 4/7
    assertThat(s.rouge1()).isCloseTo(400.0 / 7, within(1e-6));
    // {ab} shared of {ab, be} / {ab, bc, cd}: P 1/2, R 1/3, F = 0.4
    assertThat(s.rouge2()).isCloseTo(40.0, within(1e-6));
    // R-L: LCS "a b" = 2, R 1/2, P 2/3, b = P/R = 4/3, F = (1+b^2)RP/(R+b^2 P) = 25/45.5
    assertThat(s.rougeL()).isCloseTo(100 * 25 / 45.5, within(1e-6));
    assertThat(Rouge.of(List.of(t("a")), List.of(List.of())).rougeL()).isZero();
  }

  @Test
  void uniqueSentenceRatio() {
    assertThat(UniqueSentenceRatio.of(List.of(t("a b"), t("A b!"), t("b")))).isEqualTo(2.0 / 3);
  }

  @Test
  void featureMetricsFollowPeter() {
    Set<String> set = Set.of("tone", "price", "string", "sound quality");
    // plural and two-word features are found by key
    assertThat(FeatureMetrics.detect(t("New strings, great sound quality"), set, false))
        .containsExactly("sound quality", "string");
    List<Set<String>> detected = List.of(Set.of("tone"), Set.of("tone", "price"), Set.of());
    // sentences 1 and 2 name their feature, 3 does not
    assertThat(FeatureMetrics.fmr(detected, List.of("tone", "tone", "price"))).isEqualTo(2.0 / 3);
    // tone and price named, of 4 features
    assertThat(FeatureMetrics.fcr(detected, set.size())).isEqualTo(0.5);
    // pairs (1,2): 1 shared, (1,3) and (2,3): 0; average 1/3
    assertThat(FeatureMetrics.div(detected)).isCloseTo(1.0 / 3, within(EPS));
  }

  @Test
  void chineseIsScoredByCharacters() {
    assertThat(ExplanationTokens.of("服务很好，价格 OK!", true))
        .containsExactly("服", "务", "很", "好", "价", "格", "o", "k");
    assertThat(FeatureMetrics.detect(ExplanationTokens.of("性价比很高", true), Set.of("性价比"), true))
        .containsExactly("性价比");
  }
}
