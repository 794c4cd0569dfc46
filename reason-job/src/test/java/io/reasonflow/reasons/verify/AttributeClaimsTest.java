package io.reasonflow.reasons.verify;

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
import io.reasonflow.reasons.evidence.RelationRule;
import io.reasonflow.reasons.evidence.TitleTerms;
import io.reasonflow.reasons.realise.Claim;
import io.reasonflow.reasons.realise.ItemNamer;
import io.reasonflow.reasons.realise.Lexicaliser;
import io.reasonflow.reasons.realise.RealisedReason;
import io.reasonflow.reasons.realise.ReasonLocale;
import io.reasonflow.reasons.realise.SlotRenderer;
import io.reasonflow.reasons.realise.TemplateRealiser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Catalogue attributes (issue 13): the sentence the realiser adds ("By D'Addario, listed under
 * Acoustic Guitar Strings; phosphor bronze, 12-53 gauge.") verifies in both languages, and every
 * planted lie is turned down against the catalogue row: another brand, another category, a
 * material, gauge, pack count or length the title does not state.
 */
class AttributeClaimsTest {
  private static final Set<EventType> REVIEWS_ONLY = Set.of(EventType.REVIEW);
  private static final String STRINGS =
      "D'Addario EJ17 Phosphor Bronze Acoustic Guitar Strings, Medium, 13-56, 3 Pack";
  private final ItemCatalog catalog =
      ItemCatalog.of(
          List.of(
              item("A", "Snark SN-5 Tuner for Guitar, Bass and Violin", "Snark", "Tuners"),
              item("C", STRINGS, "D'Addario", "Acoustic Guitar Strings")));
  private final List<String> titles = List.copyOf(catalog.displayNames());
  private final CoViewTable coViews = CoViewTable.of(Map.of(CoViewTable.key("A", "C"), 6));
  private final TitleTerms terms = TitleTerms.over(titles, 0.5);
  private final PopularityScale popularity = new PopularityScale(new int[] {30, 40}, 0.95, 0.5);
  private final RelationRule rule =
      io.reasonflow.reasons.realise.ItemNamer.over(titles).relations();
  private final SlotRenderer renderer = new SlotRenderer(5, ItemNamer.over(titles), REVIEWS_ONLY);
  private final FaithfulnessVerifier verifier =
      new FaithfulnessVerifier(
          catalog, coViews, terms, rule, popularity, renderer, 5, 0.5, REVIEWS_ONLY);
  private final UserProfile shopper =
      new UserProfile(
          "u", new float[2], 1, List.of(new Anchor("A", EventType.REVIEW, 1)), List.of("A"), 1, 1);

  private static ItemFeatures item(String id, String title, String brand, String leaf) {
    return new ItemFeatures(
        new Item(id, title, brand, List.of("Musical Instruments", leaf), Double.NaN),
        new float[] {1, 0},
        1,
        ItemFeatures.VectorSource.BEHAVIOUR,
        40,
        List.of());
  }

  private Evidence evidence() {
    return new EvidenceBuilder(catalog, coViews, terms, rule, popularity, 5, 3, 0)
        .build(shopper, "C");
  }

  private RealisedReason withAttributes(ReasonLocale locale) {
    return new TemplateRealiser(renderer, 0.5)
            .withAttributes(id -> catalog.get(id).flatMap(f -> Attributes.of(f.item(), true)))
            .options(evidence(), locale)
            .stream()
            .filter(r -> r.templateId().contains("+attribute."))
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

  private List<String> failures(RealisedReason r) {
    return verifier.verify(shopper, "C", r, evidence()).failures().stream()
        .map(f -> f.problem())
        .toList();
  }

  /** The reason with its attribute claim's brand, category and specs replaced. */
  private RealisedReason lie(String brand, String category, List<String> specs) {
    return plant(
        withAttributes(ReasonLocale.EN),
        c ->
            c instanceof Claim.AttributeClaim
                ? new Claim.AttributeClaim(
                    "C",
                    brand,
                    category,
                    specs,
                    renderer.attributes(brand, category, specs, ReasonLocale.EN))
                : c);
  }

  @Test
  void theAttributeSentenceVerifiesInBothLanguages() {
    RealisedReason en = withAttributes(ReasonLocale.EN);
    // the catalogue's content claim leads the reason (issue 13), the reason's own sentence after
    assertThat(en.text())
        .startsWith(
            "By D'Addario, listed under Acoustic Guitar Strings; phosphor bronze, 13-56 gauge,"
                + " pack of 3. ");
    assertThat(failures(en)).isEmpty();
    RealisedReason zh = withAttributes(ReasonLocale.ZH_CN);
    assertThat(zh.text())
        .startsWith("品牌：D'Addario；类目：Acoustic Guitar Strings；规格：磷青铜、13-56 粗细、3 件装。");
    assertThat(failures(zh)).isEmpty();
  }

  @Test
  void aWrongBrandOrCategoryIsRejected() {
    List<String> specs = List.of("material:phosphor bronze");
    assertThat(failures(lie("Ernie Ball", "Acoustic Guitar Strings", specs)))
        .anyMatch(f -> f.contains("says the brand is Ernie Ball; the catalogue says D'Addario"));
    assertThat(failures(lie("D'Addario", "Electric Guitar Strings", specs)))
        .anyMatch(f -> f.contains("listed under Electric Guitar Strings; the catalogue says"));
  }

  @Test
  void aSpecificationTheTitleDoesNotStateIsRejected() {
    for (String spec : List.of("material:nickel wound", "gauge:10-46", "pack:12", "length:10")) {
      assertThat(failures(lie("D'Addario", null, List.of(spec))))
          .as(spec)
          .anyMatch(f -> f.contains("does not"));
    }
  }

  @Test
  void aSentenceThatSaysMoreThanItsClaimIsRejected() {
    RealisedReason r =
        plant(
            withAttributes(ReasonLocale.EN),
            c ->
                c instanceof Claim.AttributeClaim x
                    ? new Claim.AttributeClaim(
                        "C", x.brand(), x.category(), x.specs(), "By D'Addario, made in USA.")
                    : c);
    assertThat(failures(r)).isNotEmpty();
  }

  /**
   * Issue 13: the attribute sentence opens or closes the reason and does not repeat a brand the
   * reason's own sentence says ("By D'Addario ... Same brand as the D'Addario guitar strings you
   * reviewed").
   */
  @Test
  void theAttributeSentenceOpensOrClosesAndDoesNotRepeatTheBrand() {
    String ej26 = "D'Addario EJ26 Phosphor Bronze Acoustic Guitar Strings, Custom Light, 11-52";
    ItemCatalog two =
        ItemCatalog.of(
            List.of(
                item("A", ej26, "D'Addario", "Acoustic Guitar Strings"),
                item(
                    "B",
                    "D'Addario EJ16 Phosphor Bronze Acoustic Guitar Strings",
                    "D'Addario",
                    "Acoustic Guitar Strings"),
                item("C", STRINGS, "D'Addario", "Acoustic Guitar Strings")));
    List<String> t = List.copyOf(two.displayNames());
    SlotRenderer r = new SlotRenderer(5, ItemNamer.over(t), REVIEWS_ONLY);
    CoViewTable cv = CoViewTable.of(Map.of(CoViewTable.key("A", "C"), 6));
    TitleTerms tt = TitleTerms.over(t, 0.5);
    PopularityScale pop = new PopularityScale(new int[] {30, 40, 40}, 0.95, 0.5);
    RelationRule rr = io.reasonflow.reasons.realise.ItemNamer.over(t).relations();
    Evidence e = new EvidenceBuilder(two, cv, tt, rr, pop, 5, 3, 0).build(shopper, "C");
    FaithfulnessVerifier v =
        new FaithfulnessVerifier(two, cv, tt, rr, pop, r, 5, 0.5, REVIEWS_ONLY);
    int sameBrand = 0;
    for (ReasonLocale l : ReasonLocale.values()) {
      for (RealisedReason reason :
          new TemplateRealiser(r, 0.5)
              .withAttributes(id -> two.get(id).flatMap(f -> Attributes.of(f.item(), true)))
              .options(e, l)) {
        var attr =
            reason.claims().stream()
                .filter(c -> c instanceof Claim.AttributeClaim)
                .map(c -> (Claim.AttributeClaim) c)
                .findFirst();
        if (attr.isEmpty()) {
          continue;
        }
        boolean leads = reason.text().startsWith(attr.get().rendered());
        assertThat(leads || reason.text().endsWith(attr.get().rendered()))
            .as("the attribute sentence opens or closes " + reason.text())
            .isTrue();
        assertThat(reason.templateId()).contains(leads ? "+attribute." : "+attribute_after.");
        if (reason.claims().stream()
            .anyMatch(
                c -> c instanceof Claim.SimilarityClaim || c instanceof Claim.SharedTermClaim)) {
          assertThat(leads).as("a fallback's content claim leads: " + reason.text()).isTrue();
        }
        String own = reason.text().replace(attr.get().rendered(), "");
        if (own.contains("D'Addario")) {
          sameBrand++;
          assertThat(attr.get().brand()).as(reason.text()).isNull();
        }
        assertThat(v.verify(shopper, "C", reason, e).failures()).as(reason.text()).isEmpty();
      }
    }
    assertThat(sameBrand).as("reasons that name the brand themselves").isPositive();
  }
}
