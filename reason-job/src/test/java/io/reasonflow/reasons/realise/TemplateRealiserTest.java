package io.reasonflow.reasons.realise;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.reasons.TinyFeatures;
import io.reasonflow.reasons.evidence.Evidence;
import java.nio.file.Path;
import java.util.List;
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

  private Evidence evidence(String user, String candidate) {
    return f.evidence().build(user.equals("u1") ? f.u1 : f.u2, candidate);
  }

  private List<RealisedReason> options(String user, String candidate, ReasonLocale locale) {
    return realiser.options(evidence(user, candidate), locale);
  }

  /** The proposal written with the shape {@code shapeId} (e.g. {@code complement_figure#1}). */
  private RealisedReason option(
      String user, String candidate, ReasonLocale locale, String shapeId) {
    return options(user, candidate, locale).stream()
        .filter(r -> r.templateId().startsWith(shapeId + "."))
        .findFirst()
        .or(
            () ->
                options(user, candidate, locale).stream()
                    .filter(r -> r.templateId().startsWith(shapeId + "+"))
                    .findFirst())
        .orElseThrow(
            () ->
                new AssertionError("no " + shapeId + " among " + options(user, candidate, locale)));
  }

  @Test
  void quotableComplementNamesTheAnchorAndTheRealFigure() {
    assertThat(option("u1", "C", ReasonLocale.EN, "complement_figure#1").text())
        .isEqualTo(
            "Goes well with the OPI nail lacquer you reviewed: 12 shoppers chose the two together (1 in 8 of that "
                + "item's shoppers).");
  }

  @Test
  void quotableComplementOfTheOlderAnchorByProductType() {
    // D is a shampoo, E its conditioner: different types of one routine, co-viewed, so a COMPLEMENT
    assertThat(option("u1", "E", ReasonLocale.EN, "complement_figure#2").text())
        .isEqualTo(
            "This conditioner goes with the Avalon biotin thickening shampoo you viewed: 5 shoppers chose both (half "
                + "of that item's shoppers).");
  }

  @Test
  void figuresComeFirstAndTheChoiceIsFixedPerShopperAndItem() {
    List<RealisedReason> first = options("u1", "C", ReasonLocale.EN);
    assertThat(first.get(0).claims()).anyMatch(Claim.CoViewCountClaim.class::isInstance);
    assertThat(options("u1", "C", ReasonLocale.EN)).isEqualTo(first);
    assertThat(realiser.realise(evidence("u1", "C"), ReasonLocale.EN)).contains(first.get(0));
    // the last proposal is the one that always holds
    assertThat(first.get(first.size() - 1).templateId()).startsWith("from_recent#");
  }

  @Test
  void productClaimsAreProposedWhenTheTitlesSupportThem() {
    // B is another OPI nail lacquer: same type, no quotable figure (3 co-viewers)
    assertThat(options("u1", "B", ReasonLocale.EN))
        .extracting(RealisedReason::text)
        .contains("Another nail polish, like the OPI nail lacquer you reviewed.")
        .contains("Similar to the OPI nail lacquer you reviewed: both titles mention \"Lacquer\".");
    // C (a top coat) to the nail polish: a complement by type, said without the figure too
    assertThat(options("u1", "C", ReasonLocale.EN))
        .extracting(RealisedReason::text)
        .anyMatch(t -> t.startsWith("This top coat goes with the OPI nail lacquer you reviewed."));
  }

  @Test
  void underThresholdFigureIsNeverQuotedButTheAnchorStillIs() {
    for (RealisedReason r : options("u1", "B", ReasonLocale.EN)) {
      assertThat(r.text())
          .contains("OPI nail lacquer")
          .doesNotContainPattern("\\d"); // the 3 co-viewers nowhere
    }
  }

  @Test
  void vectorSimilarityAndFallbackTemplates() {
    // u2 bought B; B-C cosine .96, no shared term, no co-view
    // one of the similarity wordings, drawn from the seed (TemplateShapesVarietyTest has them all)
    assertThat(options("u2", "C", ReasonLocale.EN))
        .filteredOn(r -> r.templateId().matches("similar#\\d\\.en"))
        .singleElement()
        .extracting(RealisedReason::text)
        .asString()
        .containsAnyOf("close to the OPI nail lacquer you bought", "close to it");
    // F relates to none of u1's items: the newest anchor is named, nothing more is claimed
    assertThat(options("u1", "F", ReasonLocale.EN).get(0).text())
        .containsAnyOf(
            "Picked from your recent items, such as the OPI nail lacquer you reviewed.",
            "From your recent items: picked after the OPI nail lacquer you reviewed.");
  }

  @Test
  void chineseReasonHasTheFigureInChineseAndNoEnglishTemplateWords() {
    assertThat(option("u1", "C", ReasonLocale.ZH_CN, "complement_figure#1").text())
        .isEqualTo(
            "与您评价过的指甲油很搭：有 12 位顾客两件都选择过（占该商品顾客的八分之一）。"); // no brand known: the type in Chinese
    assertThat(option("u1", "E", ReasonLocale.ZH_CN, "complement_figure#2").text())
        .startsWith("这款护发素和您浏览过的洗发水很搭：");
    for (String candidate : new String[] {"B", "C", "E", "F"}) {
      for (RealisedReason zh : options("u1", candidate, ReasonLocale.ZH_CN)) {
        String withoutNames = zh.text();
        for (Claim c : zh.claims()) {
          if (c.slot() == Slot.ANCHOR || c.slot() == Slot.TERM) {
            withoutNames = withoutNames.replace(c.rendered(), "");
          }
        }
        assertThat(withoutNames)
            .as(zh.text())
            .doesNotContainPattern("[A-Za-z]")
            .containsPattern("\\p{IsHan}")
            .doesNotContainPattern("\\p{IsHan} \\p{IsHan}");
      }
    }
  }

  @Test
  void noSpaceIsLeftBetweenChineseWordsWhenANameEndsInChinese() {
    List<Claim> claims = List.of(new Claim.AnchorClaim("A", "Suave 干洗喷雾"));
    assertThat(Lexicaliser.fill("与您的 {ANCHOR} 很搭。", claims)).isEqualTo("与您的 Suave 干洗喷雾很搭。");
    assertThat(Lexicaliser.fill("The {ANCHOR} fits.", claims)).isEqualTo("The Suave 干洗喷雾 fits.");
  }

  @Test
  void everySlotValueComesFromTheEvidence() {
    RealisedReason r = option("u1", "C", ReasonLocale.EN, "complement_figure#1");
    assertThat(r.claims())
        .contains(
            new Claim.AnchorClaim("A", "OPI nail lacquer"),
            new Claim.CoViewCountClaim("A", "C", 12, "12"),
            new Claim.ShareClaim("A", "C", 12, 96, "1 in 8"));
    assertThat(r.skeleton()).doesNotContainPattern("\\d");
    assertThat(r.templateId()).isEqualTo("complement_figure#1.en");
  }

  /**
   * "It is among the 20% most popular items" says nothing about this shopper: a reason with a
   * figure of its own goes without it, and a reason without one is offered with it first and then
   * plain (a list takes it once).
   */
  @Test
  void popularityFollowsOnlyReasonsWithNoFigureOfTheirOwn() {
    List<RealisedReason> all = options("u1", "C", ReasonLocale.EN);
    assertThat(all)
        .filteredOn(r -> r.claims().stream().anyMatch(Claim.CoViewCountClaim.class::isInstance))
        .isNotEmpty()
        .noneMatch(r -> r.claims().stream().anyMatch(Claim.PopularityClaim.class::isInstance));
    List<String> ids = all.stream().map(RealisedReason::templateId).toList();
    assertThat(ids).containsSubsequence("type_pair#1+popularity.en", "type_pair#1.en");
  }

  @Test
  void pluralTypeNamesReadAsOneItemAndEyePadsAreNoCottonPads() {
    var types = io.reasonflow.reasons.evidence.ProductTypes.shipped();
    var pads = types.typeOf("Swisspers Cotton Rounds, 80 count").orElseThrow();
    assertThat(f.renderer.type(pads, ReasonLocale.EN))
        .isEqualTo("pack of cotton pads"); // "this pack of ... goes"
    assertThat(f.renderer.type(pads, ReasonLocale.ZH_CN)).isEqualTo("化妆棉");
    assertThat(types.typeOf("Fran Wilson Cucumber Eye Pads")).isEmpty();
  }

  @Test
  void aTypeWhoseRoutineTheTitleContradictsIsNotOffered() {
    // a Beauty item (B00KD73PBQ) the shipped types name a carrier oil, for skin care; its title
    // says hair, so the verifier rejected every sentence naming the type (22 in one demo run)
    String title =
        "Argan Oil For Hair Treatment  and  Elixir Serum &#9733;LIMITED SALE&#9733; #1 Hair Oil"
            + " Treatment! Infused With Organic Jojoba Oil, Organic Argan Oil, Coconut Oil";
    var type = io.reasonflow.reasons.evidence.ProductTypes.shipped().typeOf(title);
    assertThat(type).isPresent();
    assertThat(io.reasonflow.reasons.verify.DomainCues.check(ItemNamer.clean(title), type.get()))
        .as("the verifier's rule rejects the type for this title")
        .isNotNull();
    Evidence e = evidence("u1", "C");
    Evidence argan =
        new Evidence(
            e.userId(),
            e.candidateId(),
            title,
            e.popularity(),
            e.anchors(),
            e.privacyMinShoppers());
    List<RealisedReason> offered = realiser.options(argan, ReasonLocale.EN);
    assertThat(offered).isNotEmpty();
    assertThat(offered)
        .flatExtracting(RealisedReason::claims)
        .noneMatch(c -> c instanceof Claim.TypeClaim || c instanceof Claim.SameRoutineClaim);
    assertThat(offered).extracting(RealisedReason::text).noneMatch(t -> t.contains("carrier oil"));
  }

  @Test
  void theNamerSaysWhichTypeMayBeClaimed() {
    // the realisers (template candidate and anchors, the explainer's inputs) ask the namer, so one
    // rule decides for all of them
    ItemNamer namer = ItemNamer.titleOnly();
    String hair =
        "Argan Oil For Hair Treatment  and  Elixir Serum &#9733;LIMITED SALE&#9733; #1 Hair Oil"
            + " Treatment! Infused With Organic Jojoba Oil, Organic Argan Oil, Coconut Oil";
    assertThat(namer.type(hair)).isPresent();
    assertThat(namer.claimableType(hair)).isEmpty();
    String plain = "Pantene Pro-V Daily Moisture Renewal Conditioner, 25.4 Fluid Ounce";
    assertThat(namer.claimableType(plain)).isPresent().isEqualTo(namer.type(plain));
    assertThat(namer.claimableType(plain).get().en()).isEqualTo("conditioner");
  }
}
