package io.reasonflow.reasons;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.reasons.realise.Claim;
import java.util.List;
import org.junit.jupiter.api.Test;

/** eval-reasons' own readings: share phrases, dangling names, skeletons. */
class ClaimRecheckReadingsTest {
  @Test
  void sharePhrasesAreReadBackToTheirFractions() {
    double p = 88 / 131.0; // the case: 67%, "nearly every one" was false
    assertThat(SharePhraseReading.holds("about two thirds", p)).contains(true);
    assertThat(SharePhraseReading.holds("nearly all", p)).contains(false);
    assertThat(SharePhraseReading.holds("over three quarters", p)).contains(false);
    assertThat(SharePhraseReading.holds("约三分之二", p)).contains(true);
    assertThat(SharePhraseReading.holds("几乎全部", p)).contains(false);
    assertThat(SharePhraseReading.holds("a quarter", 25 / 100.0)).contains(true);
    assertThat(SharePhraseReading.holds("nearly 3 in 10", 2 / 7.0)).contains(true);
    assertThat(SharePhraseReading.holds("超过十分之三", 2 / 7.0)).contains(false);
    assertThat(SharePhraseReading.holds("many", p)).isEmpty();
    assertThat(SharePhraseReading.zhNumber("十二")).isEqualTo(12);
    assertThat(SharePhraseReading.zhNumber("二十")).isEqualTo(20);
  }

  @Test
  void danglingNamesAreCaught() {
    assertThat(DanglingNames.dangles("Anti Aging Serum Vitamin C from")).isTrue();
    assertThat(DanglingNames.dangles("Suave Keratin Infusion 2")).isTrue();
    assertThat(DanglingNames.dangles("&#9733;SALE")).isTrue();
    assertThat(DanglingNames.dangles("Premium Phytoceramide Skin Care (A")).isTrue();
    assertThat(DanglingNames.dangles("Suave dry shampoo")).isFalse();
    assertThat(DanglingNames.dangles("Suave 干洗喷雾")).isFalse();
  }

  @Test
  void skeletonsReplaceRenderedSlotsAndNumbers() {
    List<Claim> claims =
        List.of(
            new Claim.AnchorClaim("A", "the Suave dry shampoo"),
            new Claim.CoViewCountClaim("A", "B", 18, "18"));
    assertThat(
            SampleReasonReport.delexicalise(
                "18 shoppers reviewed both this and the Suave dry shampoo you reviewed.", claims))
        .isEqualTo("{X} shoppers reviewed both this and {X} you reviewed.");
  }
}
