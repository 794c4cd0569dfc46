package io.reasonflow.reasons.aspects;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.reasons.evidence.Attributes;
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
import io.reasonflow.reasons.realise.ReasonLength;
import io.reasonflow.reasons.realise.ReasonLocale;
import io.reasonflow.reasons.realise.SlotRenderer;
import io.reasonflow.reasons.realise.TemplateRealiser;
import io.reasonflow.reasons.verify.FaithfulnessVerifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The composed review-aspect shapes (issue 13, variety): every shape, in both languages, alone and
 * with the catalogue's sentence before or after it, is written by the realiser from true evidence
 * and accepted by the verifier; and the same sentence with a planted false figure (praise count,
 * reviewer count, co-view count), a false aspect, an overstated share or a false brand is turned
 * down. Fixture as {@code verify.AspectClaimsTest}: C's 40 reviewers, 9 praise its tone (22.5%,
 * "nearly a quarter", so the share shapes are offered), 5 praise and 7 complain of its sustain; the
 * shopper wrote about the tone of A; 6 shoppers reviewed both A and C.
 */
class AspectShapesVarietyTest {
  private static final Set<EventType> REVIEWS_ONLY = Set.of(EventType.REVIEW);
  private static final int K = 5;
  private static final String A = "Fender 250L Nickel Plated Steel Electric Guitar Strings";
  private static final String C = "Ernie Ball 2221 Regular Slinky Nickel Wound Set";
  private final ItemCatalog catalog =
      ItemCatalog.of(
          List.of(
              item("A", A, "Fender", "Electric Guitar Strings", 30),
              item("C", C, "Ernie Ball", "Electric Guitar Strings", 40)));
  private final CoViewTable coViews = CoViewTable.of(Map.of(CoViewTable.key("A", "C"), 6));
  private final TitleTerms terms = TitleTerms.over(List.of(A, C), 0.5);
  private final PopularityScale popularity = new PopularityScale(new int[] {30, 40}, 0.95, 0.5);
  private final RelationRule rule = new RelationRule(ProductTypes.shipped());
  private final SlotRenderer renderer =
      new SlotRenderer(5, ItemNamer.over(List.of(A, C), ProductTypes.instruments()), REVIEWS_ONLY);
  private final ReviewAspects reviews = reviews();
  private final FaithfulnessVerifier verifier =
      new FaithfulnessVerifier(
              catalog, coViews, terms, rule, popularity, renderer, K, 0.5, REVIEWS_ONLY)
          .withReviewAspects(reviews, K);
  private final UserProfile shopper =
      new UserProfile(
          "u", new float[2], 1, List.of(new Anchor("A", EventType.REVIEW, 1)), List.of("A"), 1, 1);

  private static ItemFeatures item(String id, String title, String brand, String leaf, int n) {
    return new ItemFeatures(
        new Item(id, title, brand, List.of("Musical Instruments", leaf), Double.NaN),
        new float[] {1, 0},
        1,
        ItemFeatures.VectorSource.BEHAVIOUR,
        n,
        List.of());
  }

  private static ReviewAspects reviews() {
    List<Review> r = new ArrayList<>();
    int n = 0;
    for (int i = 0; i < 9; i++) {
      r.add(Review.of("r" + n++, "C", "Great tone."));
    }
    for (int i = 0; i < 2; i++) {
      r.add(Review.of("r" + n++, "C", "The tone is terrible."));
    }
    for (int i = 0; i < 5; i++) {
      r.add(Review.of("r" + n++, "C", "Great sustain."));
    }
    for (int i = 0; i < 7; i++) {
      r.add(Review.of("r" + n++, "C", "The sustain is poor."));
    }
    for (int i = 0; i < 17; i++) {
      r.add(Review.of("r" + n++, "C", "Arrived quickly."));
    }
    r.add(Review.of("u", "A", "Really warm tone on these strings."));
    return ReviewAspects.build(
        r, AspectLexicon.of("tone", "sustain", "price"), OpinionLexicon.english());
  }

  private Evidence evidence() {
    return new EvidenceBuilder(catalog, coViews, terms, rule, popularity, K, 3, 0)
        .build(shopper, "C");
  }

  /** Every aspect reason the realiser proposes, with and without the catalogue's sentence. */
  private List<RealisedReason> options(ReasonLocale locale) {
    return new TemplateRealiser(renderer, 0.5)
            .withAttributes(id -> catalog.get(id).flatMap(f -> Attributes.of(f.item(), true)))
            .withContent(new AspectReasons(reviews, K, Integer.MAX_VALUE))
            .options(evidence(), locale)
            .stream()
            .filter(r -> r.claims().stream().anyMatch(Claim.AspectClaim.class::isInstance))
            .toList();
  }

  private List<String> failures(RealisedReason r) {
    return verifier.verify(shopper, "C", r, evidence()).failures().stream()
        .map(f -> f.problem())
        .toList();
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

  /** The shape id a reason was written with: "aspect#c3+attribute_after.en" gives "aspect#c3". */
  private static String shapeId(RealisedReason r) {
    return r.templateId().split("[+.]")[0];
  }

  @Test
  void everyShapeIsWrittenAndVerifiedInBothLanguagesAloneAndWithTheCatalogueSentence() {
    Set<String> all = new HashSet<>();
    Stream.concat(AspectTemplates.GENERAL.stream(), AspectTemplates.PERSONAL.stream())
        .forEach(s -> all.add(s.id()));
    assertThat(all).hasSizeGreaterThan(100);
    for (ReasonLocale l : ReasonLocale.values()) {
      List<RealisedReason> options = options(l);
      Set<String> plain = new HashSet<>();
      Set<String> lead = new HashSet<>();
      Set<String> after = new HashSet<>();
      for (RealisedReason r : options) {
        assertThat(failures(r)).as(r.text()).isEmpty();
        assertThat(ReasonLength.fits(r.text(), l)).as(r.text()).isTrue();
        assertThat(r.skeleton()).as(r.templateId()).doesNotContainPattern("\\d");
        String id = r.templateId();
        (id.contains("+attribute_after") ? after : id.contains("+attribute") ? lead : plain)
            .add(shapeId(r));
      }
      assertThat(plain).as("shapes written alone, %s", l).containsAll(all);
      assertThat(lead).as("with the catalogue sentence first, %s", l).isNotEmpty();
      assertThat(after).as("with the catalogue sentence after, %s", l).isNotEmpty();
    }
  }

  @Test
  void byDefaultOnlyTheFirstDrawnShapesOfEachKindAreWritten() {
    for (ReasonLocale l : ReasonLocale.values()) {
      List<RealisedReason> capped =
          new TemplateRealiser(renderer, 0.5)
              .withContent(new AspectReasons(reviews, K)).options(evidence(), l).stream()
                  .filter(r -> r.claims().stream().anyMatch(Claim.AspectClaim.class::isInstance))
                  .toList();
      assertThat(capped.stream().filter(r -> r.templateId().startsWith("personal_aspect")))
          .hasSize(AspectReasons.MAX_OPTIONS);
      assertThat(capped).hasSize(2 * AspectReasons.MAX_OPTIONS);
      for (RealisedReason r : capped) {
        assertThat(failures(r)).as(r.text()).isEmpty();
      }
    }
  }

  @Test
  void englishReadsAsWritten() {
    List<String> texts = options(ReasonLocale.EN).stream().map(RealisedReason::text).toList();
    String strings = renderer.anchor(A, ReasonLocale.EN);
    assertThat(texts)
        .contains(
            "Its tone is praised by 9 of its 40 reviewers; suggested because you reviewed the "
                + strings
                + ".",
            "Suggested since you reviewed the "
                + strings
                + ": nearly a quarter of this item's 40 reviewers praise its tone (9 people).",
            "The "
                + strings
                + " you reviewed: you wrote about its tone. Reviewers of this one praise its tone"
                + " (9 of 40).",
            "6 shoppers reviewed both this and the "
                + strings
                + " you reviewed; this one's tone is praised by 9 of its 40 reviewers.");
    // no sentence opens with a share's lower-case words
    assertThat(texts).noneMatch(t -> t.matches(".*\\. (about|nearly|over|half|all).*"));
  }

  @Test
  void aPlantedFalseFigureAspectShareOrBrandIsRejectedInEveryShape() {
    for (ReasonLocale l : ReasonLocale.values()) {
      for (RealisedReason r : options(l)) {
        String what = r.templateId() + ": " + r.text();
        RealisedReason count =
            plant(
                r,
                c ->
                    c instanceof Claim.AspectCountClaim x
                        ? new Claim.AspectCountClaim(
                            x.candidateId(), x.aspect(), 10, x.reviewIds(), "10")
                        : c);
        assertThat(failures(count))
            .as(what)
            .anyMatch(f -> f.contains("quotes 10 reviewers praising the tone"));
        RealisedReason of =
            plant(
                r,
                c ->
                    c instanceof Claim.AspectReviewersClaim x
                        ? new Claim.AspectReviewersClaim(x.candidateId(), 30, "30")
                        : c);
        assertThat(failures(of)).as(what).anyMatch(f -> f.contains("the item has 40 reviews"));
        RealisedReason aspect =
            plant(
                r,
                c ->
                    c instanceof Claim.AspectClaim x
                        ? new Claim.AspectClaim(x.candidateId(), "sustain", "sustain")
                        : c);
        assertThat(failures(aspect)).as(what).isNotEmpty();
        if (r.claims().stream().anyMatch(Claim.CoViewCountClaim.class::isInstance)) {
          RealisedReason figure =
              plant(
                  r,
                  c ->
                      c instanceof Claim.CoViewCountClaim x
                          ? new Claim.CoViewCountClaim(x.anchorId(), x.candidateId(), 7, "7")
                          : c);
          assertThat(failures(figure)).as(what).anyMatch(f -> f.contains("quotes 7 shoppers"));
        }
        if (r.claims().stream().anyMatch(Claim.AspectShareClaim.class::isInstance)) {
          String half = l == ReasonLocale.EN ? "about 1 in 2" : "约一半";
          RealisedReason share =
              plant(
                  r,
                  c ->
                      c instanceof Claim.AspectShareClaim x
                          ? new Claim.AspectShareClaim(x.candidateId(), x.aspect(), 9, 40, half)
                          : c);
          assertThat(failures(share)).as(what).isNotEmpty();
        }
        if (r.claims().stream().anyMatch(Claim.AttributeClaim.class::isInstance)) {
          RealisedReason brand =
              plant(
                  r,
                  c ->
                      c instanceof Claim.AttributeClaim x
                          ? new Claim.AttributeClaim(
                              x.candidateId(),
                              "Fender",
                              x.category(),
                              x.specs(),
                              renderer.attributes("Fender", x.category(), x.specs(), l))
                          : c);
          assertThat(failures(brand))
              .as(what)
              .anyMatch(f -> f.contains("says the brand is Fender"));
        }
      }
    }
  }
}
