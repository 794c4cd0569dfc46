package io.reasonflow.reasons.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.reasons.explain.ClaimChecker.Kind;
import io.reasonflow.reasons.explain.ExplanationExample.Split;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimCheckerTest {
  static ExplanationExample example(List<String> features, String type, List<String> attributes) {
    return new ExplanationExample(
        "r", "u", "i", 5, "ref", features, features, type, attributes, List.of(), Split.TEST);
  }

  static final ClaimChecker EN =
      new ClaimChecker(
          new ClaimVocabulary(
              Set.of("tone", "sound quality"), Set.of("tuner"), Set.of("Fender", "Tuners")),
          false);

  @Test
  void findsAspectsTypesAttributesAndNumbersLongestFirst() {
    assertThat(EN.claims("The Fender tuner has great sound quality and 12 strings, tone!"))
        .extracting(ClaimChecker.Found::kind, ClaimChecker.Found::key)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.ATTRIBUTE, "fender"),
            org.assertj.core.groups.Tuple.tuple(Kind.ATTRIBUTE, "tuner"),
            org.assertj.core.groups.Tuple.tuple(Kind.ASPECT, "sound quality"),
            org.assertj.core.groups.Tuple.tuple(Kind.NUMBER, "12"),
            org.assertj.core.groups.Tuple.tuple(Kind.ASPECT, "tone"));
  }

  @Test
  void countsTheClaimsTheEvidenceSupports() {
    String s = "The Fender tuner has great sound quality and 12 strings, tone!";
    // Fender: attribute; tuner: product type; tone: feature. Unsupported: sound quality, 12
    ClaimChecker.Check c =
        EN.check(s, example(List.of("tone"), "tuner", List.of("Fender")), List.of());
    assertThat(c.claims()).hasSize(5);
    assertThat(c.supported()).isEqualTo(3);
    assertThat(c.allSupported()).isFalse();
    // the item's training aspects support an aspect the sentence's features do not name
    assertThat(
            EN.check(
                    s,
                    example(List.of("tone"), "tuner", List.of("Fender")),
                    List.of("sound quality"))
                .supported())
        .isEqualTo(4);
  }

  @Test
  void delexicalisesClaimsIntoSlots() {
    assertThat(EN.delexicalise("Great tone on this Fender tuner, 12 strings."))
        .containsExactly(
            "great", "<ASPECT>", "on", "this", "<ATTRIBUTE>", "<ATTRIBUTE>", "<NUMBER>", "strings");
  }

  @Test
  void chineseClaimsAreCharacterRuns() {
    ClaimChecker zh =
        new ClaimChecker(new ClaimVocabulary(Set.of("服务", "性价比"), Set.of("酒店"), Set.of()), true);
    ClaimChecker.Check c =
        zh.check("酒店服务很好，房价200元", example(List.of("服务"), "酒店", List.of()), List.of());
    assertThat(c.claims())
        .extracting(ClaimChecker.Found::kind)
        .containsExactly(Kind.PRODUCT_TYPE, Kind.ASPECT, Kind.NUMBER);
    assertThat(c.claims().get(2).key()).isEqualTo("200");
    assertThat(c.supported()).isEqualTo(2);
  }
}
