package io.reasonflow.reasons.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.reasons.aspects.AspectLexicon;
import io.reasonflow.reasons.aspects.AspectReasons;
import io.reasonflow.reasons.aspects.OpinionLexicon;
import io.reasonflow.reasons.aspects.Review;
import io.reasonflow.reasons.aspects.ReviewAspects;
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
import io.reasonflow.reasons.realise.SlotRenderer;
import io.reasonflow.reasons.realise.TemplateRealiser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Review-aspect claims (issue 13): what the realiser writes verifies in both languages, and every
 * planted lie is turned down by the verifier's own recount of the reviews: too few reviewers, a
 * complaining majority, an aspect nobody judged, a wrong count or provenance, an overstated share,
 * and another shopper's aspect.
 */
class AspectClaimsTest {
  private static final Set<EventType> REVIEWS_ONLY = Set.of(EventType.REVIEW);
  private static final int K = 5;
  private final ItemCatalog catalog =
      ItemCatalog.of(
          List.of(
              item("A", "Fender 250L Nickel Plated Steel Electric Guitar Strings", 30),
              item("C", "Ernie Ball 2221 Regular Slinky Nickel Wound Set", 40)));
  private final CoViewTable coViews = CoViewTable.of(Map.of(CoViewTable.key("A", "C"), 6));
  private final TitleTerms terms =
      TitleTerms.over(List.of("Fender 250L Strings", "Ernie Ball Regular Slinky"), 0.5);
  private final PopularityScale popularity = new PopularityScale(new int[] {30, 40}, 0.95, 0.5);
  private final RelationRule rule = new RelationRule(ProductTypes.shipped());
  // the instruments lexicon names the anchor ("the guitar strings you reviewed"): with the
  // default one it was "the item you reviewed", a name reasons no longer use (issue 13)
  private final SlotRenderer renderer =
      new SlotRenderer(
          5,
          ItemNamer.over(
              List.of(
                  "Fender 250L Nickel Plated Steel Electric Guitar Strings",
                  "Ernie Ball 2221 Regular Slinky Nickel Wound Set"),
              io.reasonflow.reasons.evidence.ProductTypes.instruments()),
          REVIEWS_ONLY);
  private final ReviewAspects reviews = reviews();
  private final FaithfulnessVerifier plain =
      new FaithfulnessVerifier(
          catalog, coViews, terms, rule, popularity, renderer, K, 0.5, REVIEWS_ONLY);
  private final FaithfulnessVerifier verifier = plain.withReviewAspects(reviews, K);
  private final UserProfile shopper = profile("u");
  private final UserProfile other = profile("v");

  private static UserProfile profile(String id) {
    return new UserProfile(
        id, new float[2], 1, List.of(new Anchor("A", EventType.REVIEW, 1)), List.of("A"), 1, 1);
  }

  private static ItemFeatures item(String id, String title, int shoppers) {
    return new ItemFeatures(
        Item.ofTitle(id, title),
        new float[] {1, 0},
        1,
        ItemFeatures.VectorSource.BEHAVIOUR,
        shoppers,
        List.of());
  }

  /**
   * C's 40 reviewers: 9 praise the tone and 2 complain of it; 3 praise the feel (under k); 5 praise
   * the sustain and 7 complain of it; 14 say nothing of an aspect. The shopper u wrote about the
   * tone of A, v about its sustain.
   */
  private static ReviewAspects reviews() {
    List<Review> r = new ArrayList<>();
    int n = 0;
    for (int i = 0; i < 9; i++) {
      r.add(Review.of("r" + n++, "C", "Great tone."));
    }
    for (int i = 0; i < 2; i++) {
      r.add(Review.of("r" + n++, "C", "The tone is terrible."));
    }
    for (int i = 0; i < 3; i++) {
      r.add(Review.of("r" + n++, "C", "Nice feel."));
    }
    for (int i = 0; i < 5; i++) {
      r.add(Review.of("r" + n++, "C", "Great sustain."));
    }
    for (int i = 0; i < 7; i++) {
      r.add(Review.of("r" + n++, "C", "The sustain is poor."));
    }
    for (int i = 0; i < 14; i++) {
      r.add(Review.of("r" + n++, "C", "Arrived quickly."));
    }
    r.add(Review.of("u", "A", "Really warm tone on these strings."));
    r.add(Review.of("v", "A", "Great sustain on these."));
    return ReviewAspects.build(
        r, AspectLexicon.of("tone", "feel", "sustain", "price"), OpinionLexicon.english());
  }

  private Evidence evidence(UserProfile p) {
    return new EvidenceBuilder(catalog, coViews, terms, rule, popularity, K, 3, 0).build(p, "C");
  }

  private List<RealisedReason> options(UserProfile p, ReasonLocale locale) {
    return new TemplateRealiser(renderer, 0.5)
            .withContent(new AspectReasons(reviews, K, Integer.MAX_VALUE))
            .options(evidence(p), locale)
            .stream()
            .filter(r -> r.templateId().contains("aspect"))
            .toList();
  }

  private RealisedReason shape(String id, ReasonLocale locale) {
    return options(shopper, locale).stream()
        .filter(r -> r.templateId().startsWith(id))
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

  private List<String> failures(UserProfile p, RealisedReason r) {
    return verifier.verify(p, "C", r, evidence(p)).failures().stream()
        .map(f -> f.problem())
        .toList();
  }

  @Test
  void everyAspectReasonTheRealiserWritesVerifiesInBothLanguages() {
    for (ReasonLocale l : ReasonLocale.values()) {
      List<RealisedReason> all = options(shopper, l);
      assertThat(all)
          .extracting(r -> r.templateId().substring(0, r.templateId().indexOf('#')))
          .contains("personal_aspect", "aspect_figure", "aspect", "aspect_share");
      for (RealisedReason r : all) {
        assertThat(failures(shopper, r)).as(r.text()).isEmpty();
        // only the tone is said: the feel has too few reviewers, the sustain more complaints
        assertThat(r.claims())
            .filteredOn(c -> c instanceof Claim.AspectClaim)
            .extracting(c -> ((Claim.AspectClaim) c).aspect())
            .containsOnly("tone");
      }
    }
    // (the item's name is the namer's: Beauty product types name no guitar strings)
    assertThat(shape("personal_aspect#1", ReasonLocale.EN).text())
        .isEqualTo(
            "You wrote about the tone of the "
                + renderer.anchor(
                    catalog.get("A").orElseThrow().item().displayName(), ReasonLocale.EN)
                + " you reviewed; 9 of this item's 40 reviewers praise its tone.");
    // 9 of 40 is 22.5%: in the share words people say (SharePhrases), "nearly a quarter"
    assertThat(shape("aspect_share#1", ReasonLocale.EN).text()).contains("nearly a quarter praise");
    assertThat(shape("aspect_figure#1", ReasonLocale.ZH_CN).text())
        .contains("有 6 位顾客评价过这件")
        .contains("40 位评价者中有 9 位称赞它的音色");
  }

  @Test
  void anotherShoppersAspectIsNotTheirs() {
    // v wrote about the sustain, not the tone: the personal reason for u is no reason for v
    assertThat(options(other, ReasonLocale.EN))
        .noneMatch(r -> r.templateId().startsWith("personal_aspect"));
    RealisedReason forU = shape("personal_aspect#1", ReasonLocale.EN);
    assertThat(failures(other, forU)).anyMatch(f -> f.contains("does not speak of the tone"));
    // and u cannot be told of the sustain v wrote about
    RealisedReason sustain =
        plant(
            forU,
            c ->
                c instanceof Claim.UserAspectClaim x
                    ? new Claim.UserAspectClaim(x.anchorId(), "sustain", "sustain")
                    : c);
    assertThat(failures(shopper, sustain))
        .anyMatch(f -> f.contains("does not speak of the sustain"));
  }

  private RealisedReason aboutAspect(String aspect, int count) {
    return plant(
        shape("aspect#1", ReasonLocale.EN),
        c ->
            switch (c) {
              case Claim.AspectClaim x -> new Claim.AspectClaim(x.candidateId(), aspect, aspect);
              case Claim.AspectCountClaim x ->
                  new Claim.AspectCountClaim(
                      x.candidateId(), aspect, count, x.reviewIds(), Integer.toString(count));
              default -> c;
            });
  }

  @Test
  void tooFewReviewersAComplainingMajorityOrAnAbsentAspectAreRejected() {
    assertThat(failures(shopper, aboutAspect("feel", 3)))
        .anyMatch(f -> f.contains("3 reviewers praise the feel, under the privacy threshold of 5"));
    assertThat(failures(shopper, aboutAspect("sustain", 5)))
        .anyMatch(f -> f.contains("5 reviewers praise the sustain but 7 complain of it"));
    assertThat(failures(shopper, aboutAspect("price", 9)))
        .anyMatch(f -> f.contains("no reviewer of C judges its price"));
  }

  @Test
  void aWrongCountOrProvenanceIsRejected() {
    assertThat(failures(shopper, aboutAspect("tone", 10)))
        .anyMatch(f -> f.contains("quotes 10 reviewers praising the tone; the reviews give 9"));
    RealisedReason wrongIds =
        plant(
            shape("aspect#1", ReasonLocale.EN),
            c ->
                c instanceof Claim.AspectCountClaim x
                    ? new Claim.AspectCountClaim(
                        x.candidateId(),
                        x.aspect(),
                        9,
                        List.of(
                            "r0/C", "r1/C", "r2/C", "r3/C", "r4/C", "r5/C", "r6/C", "r7/C", "r9/C"),
                        "9")
                    : c);
    assertThat(failures(shopper, wrongIds)).anyMatch(f -> f.contains("cites reviews"));
    RealisedReason wrongOf =
        plant(
            shape("aspect#1", ReasonLocale.EN),
            c ->
                c instanceof Claim.AspectReviewersClaim x
                    ? new Claim.AspectReviewersClaim(x.candidateId(), 30, "30")
                    : c);
    assertThat(failures(shopper, wrongOf)).anyMatch(f -> f.contains("the item has 40 reviews"));
  }

  @Test
  void anOverstatedShareIsRejected() {
    for (String words : List.of("about 1 in 2", "nearly all", "about 1 in 3", "about 40%")) {
      RealisedReason lie =
          plant(
              shape("aspect_share#1", ReasonLocale.EN),
              c ->
                  c instanceof Claim.AspectShareClaim x
                      ? new Claim.AspectShareClaim(x.candidateId(), x.aspect(), 9, 40, words)
                      : c);
      assertThat(failures(shopper, lie)).as(words).anyMatch(f -> f.startsWith("says"));
    }
  }

  @Test
  void withoutReviewTextNoAspectClaimPasses() {
    RealisedReason r = shape("aspect#1", ReasonLocale.EN);
    assertThat(plain.verify(shopper, "C", r, evidence(shopper)).failures())
        .extracting(f -> f.problem())
        .contains("no review text to check an aspect claim against");
  }
}
