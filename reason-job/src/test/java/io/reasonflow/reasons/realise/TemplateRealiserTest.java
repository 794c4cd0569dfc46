package io.reasonflow.reasons.realise;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.reasons.TinyFeatures;
import io.reasonflow.reasons.evidence.Evidence;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateRealiserTest {
  @TempDir Path dir;
  TinyFeatures f;
  TemplateRealiser realiser;

  @BeforeEach
  void setUp() {
    f = new TinyFeatures(dir);
    realiser = new TemplateRealiser(f.renderer, 0.5);
  }

  private RealisedReason reason(String user, String candidate, ReasonLocale locale) {
    Evidence e = f.evidence().build(user.equals("u1") ? f.u1 : f.u2, candidate);
    return realiser.realise(e, locale).orElseThrow();
  }

  @Test
  void quotableComplementNamesTheAnchorAndTheRealFigure() {
    assertThat(reason("u1", "C", ReasonLocale.EN).text()).isEqualTo(
        "Goes well with the OPI Nail Lacquer you reviewed: 12 shoppers chose the two together (1 in 8 of its "
            + "shoppers). It is among the 20% most popular items.");
  }

  @Test
  void quotableComplementOfTheOlderAnchorByProductType() {
    // D is a shampoo, E its conditioner: different types of one routine, co-viewed, so a COMPLEMENT
    assertThat(reason("u1", "E", ReasonLocale.EN).text()).isEqualTo(
        "Goes well with the Avalon Biotin Thickening Shampoo you viewed: 5 shoppers chose the two together (1 in 2 "
            + "of its shoppers). A hidden gem: fewer shoppers have found it than most items.");
  }

  @Test
  void underThresholdFigureIsNeverQuotedButTheAnchorStillIs() {
    RealisedReason r = reason("u1", "B", ReasonLocale.EN);
    assertThat(r.text()).isEqualTo(
        "Similar to the OPI Nail Lacquer you reviewed: both titles mention \"Lacquer\".");
    assertThat(r.text()).doesNotContainPattern("\\d"); // the 3 co-viewers appear nowhere
  }

  @Test
  void vectorSimilarityAndFallbackTemplates() {
    // u2 bought B; B-C cosine .96, no shared term, no co-view
    assertThat(reason("u2", "C", ReasonLocale.EN).text())
        .startsWith("Picked because it is close to the OPI Nail Lacquer you bought.");
    // F relates to none of u1's items: the newest anchor is named, nothing more is claimed
    assertThat(reason("u1", "F", ReasonLocale.EN).text())
        .startsWith("Picked from your recent items, such as the OPI Nail Lacquer you reviewed.");
  }

  @Test
  void chineseReasonHasTheFigureInChineseAndNoEnglishTemplateWords() {
    RealisedReason r = reason("u1", "C", ReasonLocale.ZH_CN);
    assertThat(r.text()).isEqualTo(
        "与您评价过的 OPI Nail Lacquer 很搭：有 12 位顾客两件都选择过（占它的顾客的八分之一）。它是最受欢迎的前 20% 商品之一。");
    for (String candidate : new String[] {"B", "C", "E", "F"}) {
      RealisedReason zh = reason("u1", candidate, ReasonLocale.ZH_CN);
      String withoutNames = zh.text();
      for (Claim c : zh.claims()) {
        if (c.slot() == Slot.ANCHOR || c.slot() == Slot.TERM) {
          withoutNames = withoutNames.replace(c.rendered(), "");
        }
      }
      assertThat(withoutNames).as(zh.text()).doesNotContainPattern("[A-Za-z]").containsPattern("\\p{IsHan}");
    }
  }

  @Test
  void everySlotValueComesFromTheEvidence() {
    RealisedReason r = reason("u1", "C", ReasonLocale.EN);
    assertThat(r.claims()).contains(
        new Claim.AnchorClaim("A", "OPI Nail Lacquer"),
        new Claim.CoViewCountClaim("A", "C", 12, "12"),
        new Claim.ShareClaim("A", "C", 12, 96, "1 in 8"));
    assertThat(r.skeleton()).doesNotContainPattern("\\d");
    assertThat(r.templateId()).isEqualTo("complement_figure+popularity.en");
  }
}
