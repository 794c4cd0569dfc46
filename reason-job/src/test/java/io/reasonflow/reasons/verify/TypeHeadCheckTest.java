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
 * Issue 13, read aloud: "Dunlop Acoustic Guitar Frets" was named "the Dunlop acoustic guitar" and
 * the verifier agreed, its type reading being the namer's. The verifier's own head-noun reading
 * ({@link TypeHeadCheck}) refuses a type whose word modifies a further noun or sits in a for/with
 * clause, whatever the namer says.
 */
class TypeHeadCheckTest {
  private static final ProductTypes TYPES = ProductTypes.instruments();
  private static final ProductType ACOUSTIC = TYPES.named("acoustic guitar").orElseThrow();

  @Test
  void aTypeWordFollowedByAnotherNounIsNotTheItemsType() {
    assertThat(TypeHeadCheck.check("Dunlop Acoustic Guitar Frets (37083022001)", ACOUSTIC))
        .contains("followed by 'frets'");
    assertThat(TypeHeadCheck.check("Planet Waves Acoustic Guitar Quick-Release System", ACOUSTIC))
        .contains("followed by 'release'");
    assertThat(TypeHeadCheck.check("Kyser Capo for Acoustic Guitar", ACOUSTIC))
        .contains("for/with");
    assertThat(
            TypeHeadCheck.check(
                "On-Stage DT8500 Guitar/Keyboard Throne", TYPES.named("keyboard").orElseThrow()))
        .contains("throne");
  }

  @Test
  void theItemsOwnHeadPasses() {
    assertThat(TypeHeadCheck.check("Seagull S6 Original Acoustic Guitar.", ACOUSTIC)).isNull();
    assertThat(TypeHeadCheck.check("Rogue RA-090 Dreadnought Acoustic Guitar Natural.", ACOUSTIC))
        .isNull();
    assertThat(
            TypeHeadCheck.check(
                "Shure PG58-QTR Cardioid Dynamic Vocal Microphone with XLR to 1/4-inch Cable.",
                TYPES.named("microphone").orElseThrow()))
        .isNull();
    assertThat(
            TypeHeadCheck.check(
                "Kyser Capo for Acoustic Guitar", TYPES.named("capo").orElseThrow()))
        .isNull();
    assertThat(
            TypeHeadCheck.check(
                "Hosa YXM-121 XLR3F to Dual XLR3M Y Cable, 6 Inch.",
                TYPES.named("microphone cable").orElseThrow()))
        .isNull();
    // a title that never says the word is not judged here
    assertThat(
            TypeHeadCheck.check(
                "Dunlop Jazz III Pick Pack", TYPES.named("guitar picks").orElseThrow()))
        .isNull();
  }

  @Test
  void theNamerNoLongerCallsFretsAnAcousticGuitar() {
    ItemNamer namer = ItemNamer.over(List.of(FRETS, QUICK_RELEASE, CAPO), TYPES);
    assertThat(namer.name(FRETS, ReasonLocale.EN)).doesNotContain("acoustic guitar");
    assertThat(namer.name(QUICK_RELEASE, ReasonLocale.EN)).doesNotContain("acoustic guitar");
    assertThat(namer.name(FRETS, ReasonLocale.ZH_CN)).doesNotContain(ACOUSTIC.zh());
    assertThat(namer.type("Kyser Capo for Acoustic Guitar").map(ProductType::en)).contains("capo");
  }

  static final String FRETS = "Dunlop Acoustic Guitar Frets (37083022001).";
  static final String QUICK_RELEASE = "Planet Waves Acoustic Guitar Quick-Release System.";
  static final String CAPO = "Kyser Quick-Change Capo, Black";

  /**
   * End to end: the anchor's name carries the namer's type, and the verifier turns it down on its
   * own reading where the namer is wrong. "Soundboard" is a noun the namer's further-heads list
   * does not know, so the namer still calls this part an acoustic guitar: the verifier must not.
   */
  @Test
  void theVerifierRefusesATypeNameTheNamerGotWrong() {
    String part = "Dunlop Acoustic Guitar Soundboard (1234)";
    assertThat(failures(part)).anyMatch(s -> s.contains("followed by 'soundboard'"));
    // the frets, named without a false type, pass
    assertThat(failures(FRETS)).allMatch(s -> s.startsWith("reason: "));
  }

  private static final Set<EventType> REVIEWS_ONLY = Set.of(EventType.REVIEW);

  private List<String> failures(String anchorTitle) {
    ItemCatalog catalog = ItemCatalog.of(List.of(item("U", anchorTitle, 8), item("C", CAPO, 40)));
    CoViewTable coViews = CoViewTable.of(Map.of(CoViewTable.key("U", "C"), 6));
    List<String> titles = List.copyOf(catalog.displayNames());
    TitleTerms terms = TitleTerms.over(titles, 0.5);
    PopularityScale popularity = new PopularityScale(new int[] {8, 40}, 0.95, 0.5);
    RelationRule rule = io.reasonflow.reasons.realise.ItemNamer.over(titles).relations();
    UserProfile shopper =
        new UserProfile(
            "u",
            new float[2],
            1,
            List.of(new Anchor("U", EventType.REVIEW, 1)),
            List.of("U"),
            1,
            1);
    Evidence evidence =
        new EvidenceBuilder(catalog, coViews, terms, rule, popularity, 5, 3, 0).build(shopper, "C");
    SlotRenderer renderer = new SlotRenderer(5, ItemNamer.over(titles, TYPES), REVIEWS_ONLY);
    FaithfulnessVerifier verifier =
        new FaithfulnessVerifier(
            catalog, coViews, terms, rule, popularity, renderer, 5, 0.5, REVIEWS_ONLY);
    List<String> out = new ArrayList<>();
    for (ReasonLocale l : ReasonLocale.values()) {
      for (RealisedReason r : new TemplateRealiser(renderer, 0.5).options(evidence, l)) {
        if (r.claims().stream().anyMatch(c -> c instanceof Claim.AnchorClaim)) {
          verifier.verify(shopper, "C", r, evidence).failures().forEach(f -> out.add(f.problem()));
          out.add("reason: " + r.text());
        }
      }
    }
    return out;
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
}
