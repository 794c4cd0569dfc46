package io.reasonflow.reasons.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.evidence.EvidenceBuilder;
import io.reasonflow.reasons.evidence.ItemCatalog;
import io.reasonflow.reasons.evidence.PopularityScale;
import io.reasonflow.reasons.evidence.ProductTypes;
import io.reasonflow.reasons.evidence.RelationRule;
import io.reasonflow.reasons.evidence.TitleTerms;
import io.reasonflow.reasons.realise.Claim;
import io.reasonflow.reasons.realise.ItemNamer;
import io.reasonflow.reasons.realise.Lexicaliser;
import io.reasonflow.reasons.realise.RealisedReason;
import io.reasonflow.reasons.realise.ReasonLocale;
import io.reasonflow.reasons.realise.SharePhrases;
import io.reasonflow.reasons.realise.SlotRenderer;
import io.reasonflow.reasons.realise.TemplateRealiser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The share a reason quotes and the action it names, checked from the raw counts and the data's
 * event types: the issue's case of "88 of them (nearly every one)" for 88 of 131 shoppers, and
 * "looked at" on review-only data.
 */
class ShareAndActionClaimsTest {
  private static final Set<EventType> REVIEWS_ONLY = Set.of(EventType.REVIEW);
  private final ItemCatalog catalog =
      ItemCatalog.of(
          List.of(
              item("S", "Adovia Facial Serum, Vitamin C, 1 oz", 131, 1, 0),
              item("P", "Dead Sea Salt Soap - Face and Body Soap", 400, .9f, .1f)));
  private final CoViewTable coViews = CoViewTable.of(Map.of(CoViewTable.key("S", "P"), 88));
  private final TitleTerms terms =
      TitleTerms.over(List.of("Adovia Facial Serum", "Dead Sea Salt Soap"), 0.5);
  private final PopularityScale popularity = new PopularityScale(new int[] {131, 400}, 0.95, 0.5);
  private final RelationRule rule = new RelationRule(ProductTypes.shipped());
  private final SlotRenderer renderer = new SlotRenderer(5, ItemNamer.titleOnly(), REVIEWS_ONLY);
  private final FaithfulnessVerifier verifier =
      new FaithfulnessVerifier(
          catalog, coViews, terms, rule, popularity, renderer, 5, 0.5, REVIEWS_ONLY);
  private final UserProfile shopper =
      new UserProfile(
          "u", new float[2], 1, List.of(new Anchor("S", EventType.REVIEW, 1)), List.of("S"), 1, 1);

  private static ItemFeatures item(String id, String title, int shoppers, float... v) {
    return new ItemFeatures(
        Item.ofTitle(id, title), v, 1, ItemFeatures.VectorSource.BEHAVIOUR, shoppers, List.of());
  }

  private Evidence evidence() {
    return new EvidenceBuilder(catalog, coViews, terms, rule, popularity, 5, 3, 0)
        .build(shopper, "P");
  }

  private RealisedReason reason(ReasonLocale locale) {
    // the first shape of the complement-with-figure kind, so planted lies have a fixed sentence to
    // sit in
    return new TemplateRealiser(renderer, 0.5)
        .options(evidence(), locale).stream()
            .filter(r -> r.templateId().startsWith("complement_figure#1"))
            .findFirst()
            .orElseThrow();
  }

  private static RealisedReason plant(RealisedReason r, UnaryOperator<Claim> swap) {
    List<Claim> claims = r.claims().stream().map(swap).toList();
    return new RealisedReason(
        Lexicaliser.fill(r.skeleton(), claims),
        r.skeleton(),
        r.templateId(),
        r.locale(),
        r.realiser(),
        claims);
  }

  @Test
  void eightyEightOfOneHundredThirtyOneIsAboutTwoThirdsAndVerifies() {
    assertThat(SharePhrases.phrase(88, 131, ReasonLocale.EN)).isEqualTo("about two thirds");
    assertThat(SharePhrases.phrase(88, 131, ReasonLocale.ZH_CN)).isEqualTo("约三分之二");
    for (ReasonLocale l : ReasonLocale.values()) {
      RealisedReason r = reason(l);
      assertThat(verifier.verify(shopper, "P", r, evidence()).failures()).as(r.text()).isEmpty();
    }
    assertThat(reason(ReasonLocale.EN).text())
        .isEqualTo(
            "Goes well with the Adovia facial serum you reviewed: 88 "
                + "shoppers reviewed the two together (about two thirds of that item's shoppers).");
  }

  @Test
  void aSharePhraseThatOverstatesTheProportionIsRejected() {
    // the old realiser's words for 88 of 131 (N = round(131/88) = 1), and other overstatements
    for (String words :
        List.of(
            "nearly every one",
            "nearly all",
            "all",
            "about 1 in 1",
            "3 in 4",
            "about 9 in 10",
            "about 90%",
            "nearly half",
            "over three quarters",
            "three quarters",
            "nearly two thirds")) {
      RealisedReason lie =
          plant(
              reason(ReasonLocale.EN),
              c ->
                  c instanceof Claim.ShareClaim s
                      ? new Claim.ShareClaim(s.anchorId(), s.candidateId(), 88, 131, words)
                      : c);
      assertThat(verifier.verify(shopper, "P", lie, evidence()).failures())
          .as(words)
          .singleElement()
          .satisfies(f -> assertThat(f.claim()).isInstanceOf(Claim.ShareClaim.class));
    }
    RealisedReason zhLie =
        plant(
            reason(ReasonLocale.ZH_CN),
            c ->
                c instanceof Claim.ShareClaim s
                    ? new Claim.ShareClaim(s.anchorId(), s.candidateId(), 88, 131, "几乎全部")
                    : c);
    assertThat(verifier.verify(shopper, "P", zhLie, evidence()).faithful()).isFalse();
  }

  @Test
  void shareMeaningsAreReadFromTheWords() {
    assertThat(SharePhraseMeaning.check("about 1 in 2", 40, 100, ReasonLocale.EN)).isNull();
    assertThat(SharePhraseMeaning.check("about 1 in 2", 60, 100, ReasonLocale.EN)).isNull();
    assertThat(SharePhraseMeaning.check("about 1 in 2", 39, 100, ReasonLocale.EN)).isNotNull();
    assertThat(SharePhraseMeaning.check("nearly all", 90, 100, ReasonLocale.EN)).isNull();
    assertThat(SharePhraseMeaning.check("nearly all", 89, 100, ReasonLocale.EN)).isNotNull();
    assertThat(SharePhraseMeaning.check("1 in 8", 12, 96, ReasonLocale.EN)).isNull();
    assertThat(SharePhraseMeaning.check("1 in 8", 12, 100, ReasonLocale.EN)).isNotNull();
    assertThat(SharePhraseMeaning.check("一百分之十二", 12, 100, ReasonLocale.ZH_CN)).isNull();
    // 2 in 7 (28.6%) is "nearly 3 in 10" or "over a quarter", never "nearly a quarter"
    assertThat(SharePhraseMeaning.check("nearly 3 in 10", 2, 7, ReasonLocale.EN)).isNull();
    assertThat(SharePhraseMeaning.check("over a quarter", 2, 7, ReasonLocale.EN)).isNull();
    assertThat(SharePhraseMeaning.check("nearly a quarter", 2, 7, ReasonLocale.EN)).isNotNull();
    assertThat(SharePhraseMeaning.check("over a third", 2, 7, ReasonLocale.EN)).isNotNull();
    assertThat(SharePhraseMeaning.check("nearly a third", 1, 3, ReasonLocale.EN)).isNotNull();
    assertThat(SharePhraseMeaning.check("a third", 1, 3, ReasonLocale.EN)).isNull();
    assertThat(SharePhraseMeaning.check("将近十分之三", 2, 7, ReasonLocale.ZH_CN)).isNull();
    assertThat(SharePhraseMeaning.check("超过四分之一", 2, 7, ReasonLocale.ZH_CN)).isNull();
    assertThat(SharePhraseMeaning.check("超过三分之一", 2, 7, ReasonLocale.ZH_CN)).isNotNull();
    assertThat(SharePhraseMeaning.check("一半", 50, 100, ReasonLocale.ZH_CN)).isNull();
    assertThat(SharePhraseMeaning.check("将近一半", 50, 100, ReasonLocale.ZH_CN)).isNotNull();
    assertThat(SharePhraseMeaning.check("lots of them", 12, 100, ReasonLocale.EN))
        .contains("not a share phrase");
  }

  @Test
  void everyPhraseTheRealiserCanWriteHoldsByTheVerifiersReading() {
    for (int of = 1; of <= 400; of++) {
      for (int count = 1; count <= of; count++) {
        for (ReasonLocale l : ReasonLocale.values()) {
          String words = SharePhrases.phrase(count, of, l);
          assertThat(SharePhraseMeaning.check(words, count, of, l))
              .as(count + " of " + of + ": " + words)
              .isNull();
          // fractions people say: no "2 in 7" / 七分之二
          assertThat(words)
              .as(count + " of " + of)
              .doesNotMatch(".*\\b[2-9] in [6-9]\\b.*")
              .doesNotMatch(".*[六七八九]分之[二三四五六七八].*");
        }
      }
    }
  }

  @Test
  void anActionTheDataDoesNotHaveIsRejected() {
    for (var planted :
        List.of(
            new Claim.CoActionClaim(Set.of(EventType.VIEW), "viewed"),
            new Claim.CoActionClaim(REVIEWS_ONLY, "looked at"),
            new Claim.CoActionClaim(Set.of(), "chose"))) {
      RealisedReason lie =
          plant(reason(ReasonLocale.EN), c -> c instanceof Claim.CoActionClaim ? planted : c);
      assertThat(verifier.verify(shopper, "P", lie, evidence()).failures())
          .as(lie.text())
          .singleElement()
          .satisfies(f -> assertThat(f.claim()).isInstanceOf(Claim.CoActionClaim.class));
    }
  }

  @Test
  void theTemplatesNameNoActionOrTimeFrameOutsideTheirSlots() {
    for (ReasonLocale l : ReasonLocale.values()) {
      for (var kind : io.reasonflow.reasons.realise.TemplateKind.values()) {
        assertThat(io.reasonflow.reasons.realise.Templates.skeleton(kind, l))
            .doesNotContainPattern("(?i)look|view|visit|brows|看过|浏览|同一次");
      }
    }
  }

  @Test
  void aRelationTheProductTypesDoNotSupportIsRejected() {
    // serum and soap: different types, co-viewed by 88, so COMPLEMENT holds and SUBSTITUTE does not
    assertThat(
            rule.classify(
                "Adovia Facial Serum, Vitamin C, 1 oz",
                "Dead Sea Salt Soap - Face and Body Soap",
                88))
        .isEqualTo(io.reasonflow.reasons.evidence.Relation.COMPLEMENT);
    RealisedReason r = reason(ReasonLocale.EN);
    assertThat(r.claims())
        .contains(
            new Claim.RelationClaim("S", "P", io.reasonflow.reasons.evidence.Relation.COMPLEMENT));
    RealisedReason lie =
        plant(
            r,
            c ->
                c instanceof Claim.RelationClaim
                    ? new Claim.RelationClaim(
                        "S", "P", io.reasonflow.reasons.evidence.Relation.SUBSTITUTE)
                    : c);
    assertThat(verifier.verify(shopper, "P", lie, evidence()).failures())
        .singleElement()
        .satisfies(f -> assertThat(f.problem()).contains("face serum", "soap"));
    // the issue's pair: a whey protein powder is no substitute for a leave-in cream, whatever the
    // vectors say
    assertThat(
            rule.classify("Optimum Nutrition Whey Protein Powder", "Toni & Guy Leave-In Cream", 0))
        .isEqualTo(io.reasonflow.reasons.evidence.Relation.RELATED);
  }

  /**
   * Planted "goes well with" claims the product types do not support: an item of no known type, an
   * item of the anchor's own type, a pair from one broad domain that no routine uses together (a
   * razor and a face serum are both skin care; the rule before the routines accepted it), and a
   * pair no shopper had together.
   */
  @Test
  void aComplementClaimNeedsTwoKnownDifferentTypesUsedTogether() {
    String serum = "Adovia Facial Serum, Vitamin C, 1 oz";
    ItemCatalog cat =
        ItemCatalog.of(
            List.of(
                item("S", serum, 131, 1, 0),
                item("U", "Phytoceramide Complex Advanced Formula", 60, .9f, .1f),
                item("V", "Vitamin C Serum for Face, 1 oz", 60, .9f, .1f),
                item("R", "Gillette Fusion ProGlide Razor", 60, .9f, .1f),
                item("C", "Cetaphil Daily Facial Cleanser, 16 oz", 60, .9f, .1f),
                item("Z", "CeraVe Facial Moisturizing Lotion PM", 60, .9f, .1f)));
    ProductTypes types = ProductTypes.shipped();
    assertThat(types.typeOf("Phytoceramide Complex Advanced Formula")).isEmpty();
    assertThat(types.typeOf("Vitamin C Serum for Face, 1 oz")).isEqualTo(types.typeOf(serum));
    assertThat(types.typeOf("Gillette Fusion ProGlide Razor").orElseThrow().domain())
        .isEqualTo(types.typeOf(serum).orElseThrow().domain());
    CoViewTable co =
        CoViewTable.of(
            Map.of(
                CoViewTable.key("S", "U"),
                20,
                CoViewTable.key("S", "V"),
                30,
                CoViewTable.key("S", "R"),
                25,
                CoViewTable.key("S", "C"),
                40));
    FaithfulnessVerifier v =
        new FaithfulnessVerifier(cat, co, terms, rule, popularity, renderer, 5, 0.5, REVIEWS_ONLY);
    EvidenceBuilder builder = new EvidenceBuilder(cat, co, terms, rule, popularity, 5, 3, 0);
    Map<String, String> expected =
        Map.of(
            "U",
            "names no known product type",
            "V",
            "both are a face serum",
            "R",
            "RELATED",
            "Z",
            "no shopper had both");
    for (String candidate : List.of("R", "U", "V", "Z", "C")) {
      List<Claim> claims =
          List.of(
              new Claim.AnchorClaim("S", renderer.anchor(serum, ReasonLocale.EN)),
              new Claim.ActionClaim("S", EventType.REVIEW, "reviewed"),
              new Claim.RelationClaim(
                  "S", candidate, io.reasonflow.reasons.evidence.Relation.COMPLEMENT));
      String skeleton = "Goes well with the {ANCHOR} you {ACTION}.";
      RealisedReason r =
          new RealisedReason(
              Lexicaliser.fill(skeleton, claims),
              skeleton,
              "planted.en",
              ReasonLocale.EN,
              "test",
              claims);
      var failures = v.verify(shopper, candidate, r, builder.build(shopper, candidate)).failures();
      if (candidate.equals("C")) {
        assertThat(failures)
            .as("a face cleanser with a face serum, co-reviewed: a true complement")
            .isEmpty();
      } else {
        assertThat(failures)
            .as(candidate)
            .singleElement()
            .satisfies(
                f -> {
                  assertThat(f.claim()).isInstanceOf(Claim.RelationClaim.class);
                  assertThat(f.problem()).contains(expected.get(candidate));
                });
      }
    }
  }
}
