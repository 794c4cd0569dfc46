package io.reasonflow.reasons.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.reasons.aspects.AspectLexicon;
import io.reasonflow.reasons.aspects.OpinionLexicon;
import io.reasonflow.reasons.aspects.Review;
import io.reasonflow.reasons.aspects.ReviewAspects;
import io.reasonflow.reasons.aspects.ReviewerTypes;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.evidence.EvidenceBuilder;
import io.reasonflow.reasons.evidence.ItemCatalog;
import io.reasonflow.reasons.evidence.PopularityScale;
import io.reasonflow.reasons.evidence.ProductType;
import io.reasonflow.reasons.evidence.ProductTypes;
import io.reasonflow.reasons.evidence.RelationRule;
import io.reasonflow.reasons.evidence.TitleTerms;
import io.reasonflow.reasons.realise.Claim;
import io.reasonflow.reasons.realise.ItemNamer;
import io.reasonflow.reasons.realise.RealisedReason;
import io.reasonflow.reasons.realise.ReasonLocale;
import io.reasonflow.reasons.realise.SlotRenderer;
import io.reasonflow.reasons.realise.TemplateRealiser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An item with no catalogue title is named by what most of its reviewers call it ("the capo you
 * reviewed", "您评价过的 变调夹"), and the verifier recounts that from the review text: a planted wrong
 * type (the namer's map saying "tuner" for an item its reviewers call a capo) is turned down, as is
 * a name from reviews when there is no review text to check it against.
 */
class ReviewerNamesTest {
  private static final Set<EventType> REVIEWS_ONLY = Set.of(EventType.REVIEW);
  private static final int K = 5;
  private final ItemCatalog catalog =
      ItemCatalog.of(
          List.of(
              item("U", "", 8), item("C", "Kyser Quick-Change Capo, Black", 40), item("V", "", 9)));
  private final CoViewTable coViews =
      CoViewTable.of(Map.of(CoViewTable.key("U", "C"), 6, CoViewTable.key("U", "V"), 6));
  private final List<String> titles = List.copyOf(catalog.displayNames());
  private final TitleTerms terms = TitleTerms.over(titles, 0.5);
  private final PopularityScale popularity = new PopularityScale(new int[] {8, 40, 9}, 0.95, 0.5);
  private final RelationRule rule =
      io.reasonflow.reasons.realise.ItemNamer.over(titles).relations();
  private final ReviewAspects reviews = reviews();
  private final ItemNamer base = ItemNamer.over(titles, ProductTypes.instruments());
  private final UserProfile shopper =
      new UserProfile(
          "u", new float[2], 1, List.of(new Anchor("U", EventType.REVIEW, 1)), List.of("U"), 1, 1);

  private static ItemFeatures item(String id, String title, int shoppers) {
    return new ItemFeatures(
        Item.ofTitle(id, title),
        new float[] {1, 0},
        1,
        ItemFeatures.VectorSource.BEHAVIOUR,
        shoppers,
        List.of());
  }

  /** U's 8 reviewers: 5 call it a capo, 1 a tuner (what they tuned after), 2 neither. */
  private static ReviewAspects reviews() {
    List<Review> r = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      r.add(Review.of("r" + i, "U", "This capo holds the strings down well."));
    }
    r.add(Review.of("r5", "U", "Works fine, I check with my tuner after."));
    r.add(Review.of("r6", "U", "Does the job."));
    r.add(Review.of("r7", "U", "Arrived quickly."));
    return ReviewAspects.build(r, AspectLexicon.of("price"), OpinionLexicon.english());
  }

  private Evidence evidence() {
    return new EvidenceBuilder(catalog, coViews, terms, rule, popularity, K, 3, 0)
        .build(shopper, "C");
  }

  private List<String> failures(ItemNamer namer, ReasonLocale locale, boolean withReviews) {
    SlotRenderer renderer = new SlotRenderer(5, namer, REVIEWS_ONLY);
    FaithfulnessVerifier plain =
        new FaithfulnessVerifier(
            catalog, coViews, terms, rule, popularity, renderer, K, 0.5, REVIEWS_ONLY);
    FaithfulnessVerifier verifier = withReviews ? plain.withReviewAspects(reviews, K) : plain;
    List<String> out = new ArrayList<>();
    for (RealisedReason r : new TemplateRealiser(renderer, 0.5).options(evidence(), locale)) {
      if (r.claims().stream().anyMatch(c -> c instanceof Claim.AnchorClaim)) {
        verifier.verify(shopper, "C", r, evidence()).failures().forEach(f -> out.add(f.problem()));
        out.add("reason: " + r.text());
      }
    }
    return out;
  }

  @Test
  void theTypeMostReviewersSayNamesTheUntitledItemAndVerifies() {
    Map<String, ProductType> said =
        ReviewerTypes.of(reviews, ProductTypes.instruments(), List.of("U"));
    assertThat(said).containsOnlyKeys("U");
    assertThat(said.get("U").en()).isEqualTo("capo");
    ItemNamer namer = base.withReviewerTypes(said);
    assertThat(namer.name("item U", ReasonLocale.EN)).isEqualTo("capo");
    assertThat(namer.name("item U", ReasonLocale.ZH_CN)).isEqualTo("变调夹");
    for (ReasonLocale l : ReasonLocale.values()) {
      List<String> f = failures(namer, l, true);
      assertThat(f).as("the reasons and their failures").allMatch(s -> s.startsWith("reason: "));
      assertThat(f).anyMatch(s -> s.contains(l == ReasonLocale.EN ? "the capo you" : "变调夹"));
    }
  }

  @Test
  void aPlantedWrongTypeIsRejectedByTheRecount() {
    ProductType tuner = ProductTypes.instruments().named("tuner").orElseThrow();
    ItemNamer wrong = base.withReviewerTypes(Map.of("U", tuner));
    for (ReasonLocale l : ReasonLocale.values()) {
      assertThat(failures(wrong, l, true))
          .anyMatch(s -> s.contains("names the untitled item U a tuner, but 1 of its 8 reviewers"));
    }
  }

  /**
   * Two untitled items are shown as "item U" and "item V": the namer once took "item" for their
   * brand, and "Same brand as the capo you reviewed" passed the verifier, both "titles" starting
   * with it.
   */
  @Test
  void twoUntitledItemsShareNoBrand() {
    ItemNamer namer =
        base.withReviewerTypes(ReviewerTypes.of(reviews, ProductTypes.instruments(), List.of("U")));
    assertThat(namer.brand("item U")).isEmpty();
    SlotRenderer renderer = new SlotRenderer(5, namer, REVIEWS_ONLY);
    FaithfulnessVerifier verifier =
        new FaithfulnessVerifier(
                catalog, coViews, terms, rule, popularity, renderer, K, 0.5, REVIEWS_ONLY)
            .withReviewAspects(reviews, K);
    List<Claim> claims =
        List.of(
            new Claim.AnchorClaim("U", "capo"),
            new Claim.ActionClaim("U", EventType.REVIEW, "reviewed"),
            new Claim.SameBrandClaim("U", "V", "item"));
    String skeleton = "Same brand as the {ANCHOR} you {ACTION}.";
    RealisedReason lie =
        new RealisedReason(
            io.reasonflow.reasons.realise.Lexicaliser.fill(skeleton, claims),
            skeleton,
            "same_brand#1.en",
            ReasonLocale.EN,
            "template",
            claims);
    Evidence e =
        new EvidenceBuilder(catalog, coViews, terms, rule, popularity, K, 3, 0).build(shopper, "V");
    assertThat(verifier.verify(shopper, "V", lie, e).failures())
        .extracting(f -> f.problem())
        .anyMatch(p -> p.contains("has no catalogue title, so no brand to share"));
  }

  @Test
  void withoutReviewTextNoNameFromReviewsPasses() {
    ItemNamer namer =
        base.withReviewerTypes(ReviewerTypes.of(reviews, ProductTypes.instruments(), List.of("U")));
    assertThat(failures(namer, ReasonLocale.EN, false))
        .anyMatch(s -> s.contains("there is no review text to check"));
  }

  /**
   * Issue 13: an untitled anchor with no type most reviewers say (V) was "the item you reviewed" or
   * "the item B0... you reviewed", which names nothing. A reason names another anchor that can be
   * named, or, when there is none, says what the shopper did without naming the item; the verifier
   * refuses a name that is an item's id.
   */
  @Test
  void anAnchorThatCannotBeNamedIsNotNamed() {
    ItemNamer namer =
        base.withReviewerTypes(
            ReviewerTypes.of(reviews, ProductTypes.instruments(), List.of("U", "V")));
    SlotRenderer renderer = new SlotRenderer(5, namer, REVIEWS_ONLY);
    assertThat(renderer.nameable("item V")).isFalse();
    assertThat(renderer.nameable("item U")).isTrue();
    FaithfulnessVerifier verifier =
        new FaithfulnessVerifier(
                catalog, coViews, terms, rule, popularity, renderer, K, 0.5, REVIEWS_ONLY)
            .withReviewAspects(reviews, K);
    UserProfile onlyV =
        new UserProfile(
            "v",
            new float[2],
            1,
            List.of(new Anchor("V", EventType.REVIEW, 2)),
            List.of("V"),
            1,
            1);
    UserProfile vThenU =
        new UserProfile(
            "w",
            new float[2],
            1,
            List.of(new Anchor("V", EventType.REVIEW, 2), new Anchor("U", EventType.REVIEW, 1)),
            List.of("V", "U"),
            2,
            2);
    EvidenceBuilder builder =
        new EvidenceBuilder(catalog, coViews, terms, rule, popularity, K, 3, 0);
    for (ReasonLocale l : ReasonLocale.values()) {
      Evidence ev = builder.build(onlyV, "C");
      List<RealisedReason> alone = new TemplateRealiser(renderer, 0.5).options(ev, l);
      assertThat(alone).isNotEmpty();
      for (RealisedReason r : alone) {
        assertThat(r.text()).doesNotContain("item V");
        assertThat(r.claims()).noneMatch(c -> c instanceof Claim.AnchorClaim);
        assertThat(verifier.verify(onlyV, "C", r, ev).failures()).as(r.text()).isEmpty();
      }
      Evidence both = builder.build(vThenU, "C");
      for (RealisedReason r : new TemplateRealiser(renderer, 0.5).options(both, l)) {
        assertThat(r.text()).doesNotContain("item V");
        assertThat(r.claims())
            .noneMatch(c -> c instanceof Claim.AnchorClaim a && a.itemId().equals("V"));
      }
      // a realiser that names V anyway is turned down
      RealisedReason planted =
          new TemplateRealiser(renderer, 0.5).options(builder.build(shopper, "C"), l).get(0);
      List<Claim> claims =
          planted.claims().stream()
              .map(
                  c ->
                      c instanceof Claim.AnchorClaim
                          ? (Claim) new Claim.AnchorClaim("V", "item V")
                          : c instanceof Claim.ActionClaim a
                              ? new Claim.ActionClaim("V", a.action(), a.rendered())
                              : c)
              .toList();
      RealisedReason lie =
          new RealisedReason(
              io.reasonflow.reasons.realise.Lexicaliser.fill(planted.skeleton(), claims),
              planted.skeleton(),
              planted.templateId(),
              l,
              planted.realiser(),
              claims);
      assertThat(verifier.verify(onlyV, "C", lie, builder.build(onlyV, "C")).failures())
          .anyMatch(f -> f.problem().contains("by its id"));
    }
  }
}
