package io.reasonflow.reasons.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.EventType;
import io.reasonflow.reasons.TinyFeatures;
import io.reasonflow.reasons.evidence.AnchorEvidence;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.evidence.PopularityBucket;
import io.reasonflow.reasons.evidence.Share;
import io.reasonflow.reasons.evidence.Sourced;
import io.reasonflow.reasons.realise.Claim;
import io.reasonflow.reasons.realise.Lexicaliser;
import io.reasonflow.reasons.realise.RealisedReason;
import io.reasonflow.reasons.realise.ReasonLocale;
import io.reasonflow.reasons.realise.TemplateRealiser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plants false claims in otherwise true reasons and checks the verifier names each one. */
class FaithfulnessVerifierTest {
  @TempDir Path dir;
  TinyFeatures f;
  FaithfulnessVerifier verifier;

  @BeforeEach
  void setUp() {
    f = new TinyFeatures(dir);
    verifier = f.verifier();
  }

  /**
   * The complement-with-figure reason for C, the shared-term one for B, else the first proposal.
   */
  private RealisedReason trueReason(String candidate, ReasonLocale locale) {
    String shape =
        candidate.equals("C")
            ? "complement_figure#1"
            : candidate.equals("B") ? "shared_term#1" : "";
    return options(candidate, locale).stream()
        .filter(r -> r.templateId().startsWith(shape))
        .findFirst()
        .orElseThrow();
  }

  private List<RealisedReason> options(String candidate, ReasonLocale locale) {
    return new TemplateRealiser(f.renderer, 0.5)
        .options(f.evidence().build(f.u1, candidate), locale);
  }

  private Verdict verify(String candidate, RealisedReason r) {
    return verifier.verify(f.u1, candidate, r, f.evidence().build(f.u1, candidate));
  }

  /**
   * The reason with one claim replaced and the text re-filled, as a realiser that lies consistently
   * would.
   */
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
  void trueReasonsPassInBothLocales() {
    for (String c : List.of("B", "C", "E", "F")) {
      for (ReasonLocale l : ReasonLocale.values()) {
        for (RealisedReason r : options(c, l)) {
          assertThat(verify(c, r).failures()).as(r.text()).isEmpty();
        }
      }
    }
  }

  @Test
  void wrongCountIsRejected() {
    RealisedReason lie =
        plant(
            trueReason("C", ReasonLocale.EN),
            c ->
                c instanceof Claim.CoViewCountClaim x
                    ? new Claim.CoViewCountClaim("A", "C", 13, "13")
                    : c);
    assertThat(lie.text()).contains("13 shoppers");
    Verdict v = verify("C", lie);
    assertThat(v.faithful()).isFalse();
    assertThat(v.failures())
        .singleElement()
        .satisfies(
            fl -> {
              assertThat(fl.claim()).isInstanceOf(Claim.CoViewCountClaim.class);
              assertThat(fl.problem()).contains("13").contains("12");
            });
  }

  @Test
  void itemTheUserNeverSawIsRejected() {
    // F is a real item, rendered correctly, but not in u1's profile
    RealisedReason lie =
        plant(
            trueReason("B", ReasonLocale.EN),
            c ->
                switch (c) {
                  case Claim.AnchorClaim x ->
                      new Claim.AnchorClaim("F", "Maybelline Cover Stick Concealer");
                  case Claim.ActionClaim x ->
                      new Claim.ActionClaim("F", EventType.REVIEW, "reviewed");
                  case Claim.SharedTermClaim x ->
                      new Claim.SharedTermClaim("F", "B", x.term(), x.rendered());
                  default -> c;
                });
    Verdict v = verify("B", lie);
    assertThat(v.failures())
        .extracting(Verdict.Failure::problem)
        .anyMatch(p -> p.contains("F is not among the shopper's recent items"));
  }

  @Test
  void wrongTermIsRejected() {
    RealisedReason lie =
        plant(
            trueReason("B", ReasonLocale.EN),
            c ->
                c instanceof Claim.SharedTermClaim
                    ? new Claim.SharedTermClaim("A", "B", "red", "Red")
                    : c);
    assertThat(verify("B", lie).failures())
        .singleElement()
        .satisfies(
            fl -> assertThat(fl.problem()).contains("'red' is not a salient term of both titles"));
  }

  @Test
  void underThresholdFigureIsRejectedEvenWhenItIsTrue() {
    // A-B really has 3 co-viewers, 1 in 32 of A's 96 shoppers exactly: true, but under the
    // threshold 5
    RealisedReason source = trueReason("C", ReasonLocale.EN);
    List<Claim> claims = new ArrayList<>();
    for (Claim c : source.claims()) {
      claims.add(
          switch (c) {
            case Claim.CoViewCountClaim x -> new Claim.CoViewCountClaim("A", "B", 3, "3");
            case Claim.ShareClaim x -> new Claim.ShareClaim("A", "B", 3, 96, "1 in 32");
            case Claim.RelationClaim x -> null;
            case Claim.PopularityClaim x -> null;
            default -> c;
          });
    }
    claims.removeIf(java.util.Objects::isNull);
    String skeleton =
        "{COUNT} shoppers {CO_ACTION} both this and the {ANCHOR} you {ACTION} ({SHARE} of its shoppers).";
    RealisedReason lie =
        new RealisedReason(
            Lexicaliser.fill(skeleton, claims),
            skeleton,
            "planted",
            ReasonLocale.EN,
            "template",
            claims);
    assertThat(verify("B", lie).failures())
        .extracting(Verdict.Failure::problem)
        .anyMatch(
            p -> p.contains("quotes a figure of 3 shoppers, under the privacy threshold of 5"))
        .anyMatch(p -> p.contains("share backed by 3 shoppers"));
  }

  @Test
  void wrongShareActionAndPopularityAreRejected() {
    RealisedReason lie =
        plant(
            trueReason("C", ReasonLocale.EN),
            c ->
                switch (c) {
                  case Claim.ShareClaim x -> new Claim.ShareClaim("A", "C", 12, 96, "about 1 in 4");
                  case Claim.ActionClaim x ->
                      new Claim.ActionClaim("A", EventType.PURCHASE, "bought");
                  default -> c;
                });
    assertThat(verify("C", lie).failures())
        .extracting(fl -> fl.claim().getClass().getSimpleName())
        .containsExactlyInAnyOrder("ShareClaim", "ActionClaim");
    // popularity follows only reasons with no figure of their own
    RealisedReason withPopularity =
        options("C", ReasonLocale.EN).stream()
            .filter(r -> r.templateId().equals("type_pair#1+popularity.en"))
            .findFirst()
            .orElseThrow();
    RealisedReason popularityLie =
        plant(
            withPopularity,
            c ->
                c instanceof Claim.PopularityClaim
                    ? new Claim.PopularityClaim("C", PopularityBucket.HIDDEN_GEM, "A hidden gem.")
                    : c);
    assertThat(verify("C", popularityLie).failures())
        .extracting(fl -> fl.claim().getClass().getSimpleName())
        .containsExactly("PopularityClaim");
  }

  @Test
  void textThatIsNotItsClaimsIsRejected() {
    RealisedReason r = trueReason("C", ReasonLocale.EN);
    RealisedReason edited =
        new RealisedReason(
            r.text().replace("12 shoppers", "120 shoppers"),
            r.skeleton(),
            r.templateId(),
            r.locale(),
            r.realiser(),
            r.claims());
    assertThat(verify("C", edited).failures())
        .singleElement()
        .satisfies(fl -> assertThat(fl.problem()).startsWith("the text is not its skeleton"));
    RealisedReason digitInSkeleton =
        new RealisedReason(
            r.text() + " Rated 5 stars.",
            r.skeleton() + " Rated 5 stars.",
            r.templateId(),
            r.locale(),
            r.realiser(),
            r.claims());
    assertThat(verify("C", digitInSkeleton).failures())
        .extracting(Verdict.Failure::problem)
        .anyMatch(p -> p.startsWith("the skeleton has digits outside slots"));
  }

  @Test
  void evidenceLeakingAWithheldFigureIsRejected() {
    RealisedReason r = trueReason("B", ReasonLocale.EN);
    Evidence e = f.evidence().build(f.u1, "B");
    AnchorEvidence a = e.anchors().get(0);
    AnchorEvidence leaky =
        new AnchorEvidence(
            a.itemId(),
            a.title(),
            a.action(),
            a.source(),
            a.coViewStatus(),
            Sourced.of(3, "coviews.tsv.gz pair(A,B)"),
            a.anchorShoppers(),
            Share.of(3, 96),
            null,
            a.similarity(),
            a.sharedTerms(),
            a.relation());
    Evidence leaked =
        new Evidence(
            e.userId(),
            e.candidateId(),
            e.candidateTitle(),
            e.popularity(),
            List.of(leaky),
            e.privacyMinShoppers());
    assertThat(verifier.verify(f.u1, "B", r, leaked).failures())
        .singleElement()
        .satisfies(
            fl ->
                assertThat(fl.problem())
                    .contains("carries a co-view figure although it is marked"));
  }

  /** A proposal for {@code candidate} written with shape {@code shapeId}. */
  private RealisedReason shaped(String candidate, String shapeId) {
    return options(candidate, ReasonLocale.EN).stream()
        .filter(r -> r.templateId().startsWith(shapeId))
        .findFirst()
        .orElseThrow();
  }

  /** The reason with {@code extra} added: a realiser that asserts one more thing in its wording. */
  private static RealisedReason with(RealisedReason r, Claim extra) {
    List<Claim> claims = new ArrayList<>(r.claims());
    claims.add(extra);
    return new RealisedReason(
        r.text(), r.skeleton(), r.templateId(), r.locale(), r.realiser(), claims);
  }

  @Test
  void aWrongBrandIsRejected() {
    RealisedReason r = shaped("C", "complement_figure#1");
    // A is OPI, C is Seche Vite: neither brand is both titles'
    for (String brand : List.of("OPI", "Seche", "Maybelline", "")) {
      assertThat(verify("C", with(r, new Claim.SameBrandClaim("A", "C", brand))).failures())
          .as(brand)
          .singleElement()
          .satisfies(fl -> assertThat(fl.claim()).isInstanceOf(Claim.SameBrandClaim.class));
    }
    // A and B are both OPI: true, and a brand must end at a word ("OP" is not "OPI")
    RealisedReason b = shaped("B", "same_type#1");
    assertThat(verify("B", with(b, new Claim.SameBrandClaim("A", "B", "OPI"))).failures())
        .isEmpty();
    assertThat(verify("B", with(b, new Claim.SameBrandClaim("A", "B", "OP"))).failures())
        .hasSize(1);
  }

  @Test
  void aWrongProductTypeIsRejected() {
    RealisedReason r = shaped("C", "complement_figure#2"); // "This top coat goes with ..."
    assertThat(r.text()).startsWith("This top coat goes with the OPI nail lacquer");
    RealisedReason lie =
        plant(
            r,
            c ->
                c instanceof Claim.TypeClaim
                    ? new Claim.TypeClaim("C", "nail polish", "nail polish")
                    : c);
    assertThat(lie.text()).startsWith("This nail polish goes with");
    assertThat(verify("C", lie).failures())
        .singleElement()
        .satisfies(fl -> assertThat(fl.problem()).contains("by its title it is a top coat"));
    // the right type in the wrong words
    RealisedReason misworded =
        plant(
            r,
            c ->
                c instanceof Claim.TypeClaim
                    ? new Claim.TypeClaim("C", "top coat", "nail polish")
                    : c);
    assertThat(verify("C", misworded).failures()).hasSize(1);
    // "another nail polish, like ..." of a top coat
    assertThat(verify("C", with(r, new Claim.SameTypeClaim("A", "C", "nail polish"))).failures())
        .hasSize(1);
    assertThat(verify("C", with(r, new Claim.SameTypeClaim("A", "C", "top coat"))).failures())
        .hasSize(1);
  }

  @Test
  void aWrongRoutineIsRejected() {
    RealisedReason e =
        options("E", ReasonLocale.EN).stream()
            .filter(x -> x.claims().stream().anyMatch(Claim.SameRoutineClaim.class::isInstance))
            .findFirst()
            .orElseThrow(); // shampoo and conditioner: both hair
    assertThat(verify("E", e).failures()).isEmpty();
    RealisedReason lie =
        plant(
            e,
            c ->
                c instanceof Claim.SameRoutineClaim
                    ? new Claim.SameRoutineClaim("D", "E", "skin", "skin-care")
                    : c);
    assertThat(lie.text()).contains("skin-care routine");
    assertThat(verify("E", lie).failures())
        .singleElement()
        .satisfies(
            fl ->
                assertThat(fl.problem())
                    .contains("is for skin; by its title it is a shampoo (hair)"));
  }
}
