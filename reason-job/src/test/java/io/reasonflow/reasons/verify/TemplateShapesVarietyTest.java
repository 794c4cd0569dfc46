package io.reasonflow.reasons.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.UserProfile;
import io.reasonflow.reasons.TinyFeatures;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.evidence.RelationRule;
import io.reasonflow.reasons.realise.Claim;
import io.reasonflow.reasons.realise.ItemNamer;
import io.reasonflow.reasons.realise.Lexicaliser;
import io.reasonflow.reasons.realise.RealisedReason;
import io.reasonflow.reasons.realise.ReasonLocale;
import io.reasonflow.reasons.realise.SlotRenderer;
import io.reasonflow.reasons.realise.TemplateRealiser;
import io.reasonflow.reasons.realise.Templates;
import io.reasonflow.reasons.realise.Templates.Fact;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composed figure sentences and the further wordings of the similarity and "recent items"
 * reasons (issue 13, variety): every one the fixture's facts support is written from true evidence
 * and accepted in both languages, and the same sentence with a planted false figure, brand or
 * anchor is turned down. Fixture ({@link TinyFeatures}): u1 reviewed the OPI lacquer A (12 of its
 * 96 shoppers also had the top coat C, a complement) and viewed the Avalon shampoo D (5 of its 10
 * shoppers had the Avalon conditioner E: same brand, same hair routine, a complement); u2 bought
 * the OPI lacquer B, close to C by vector.
 */
class TemplateShapesVarietyTest {
  @TempDir Path dir;
  TinyFeatures f;
  SlotRenderer renderer;
  FaithfulnessVerifier verifier;

  @BeforeEach
  void setUp() {
    f = new TinyFeatures(dir);
    // named with the catalogue's brand statistics, so "Avalon" is the brand of D and E
    renderer =
        new SlotRenderer(
            f.popularity.bestSellerTopPercent(),
            ItemNamer.over(List.copyOf(f.catalog.displayNames())),
            Set.of());
    verifier =
        new FaithfulnessVerifier(
            f.catalog,
            f.coViews,
            f.terms,
            new RelationRule(io.reasonflow.reasons.evidence.ProductTypes.shipped()),
            f.popularity,
            renderer,
            5,
            0.5);
  }

  private List<RealisedReason> options(UserProfile p, String candidate, ReasonLocale locale) {
    return new TemplateRealiser(renderer, 0.5).options(evidence(p, candidate), locale);
  }

  private Evidence evidence(UserProfile p, String candidate) {
    return f.evidence().build(p, candidate);
  }

  private List<String> failures(UserProfile p, String candidate, RealisedReason r) {
    return verifier.verify(p, candidate, r, evidence(p, candidate)).failures().stream()
        .map(x -> x.problem())
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

  private static String shapeId(RealisedReason r) {
    return r.templateId().split("[+.]")[0];
  }

  /** u's profile under another id: the seed, and so the wording drawn, changes. */
  private static UserProfile as(UserProfile u, String id) {
    return new UserProfile(
        id, u.vector(), u.modelVersion(), u.recent(), u.seenItems(), u.eventCount(), 0);
  }

  @Test
  void everyComposedFigureSentenceTheFactsSupportIsWrittenAndVerified() {
    // E through D holds every fact but the same type (A and B, the same type, have 3 co-viewers)
    Set<String> expected = new HashSet<>();
    for (Templates.Shape s : Templates.SHAPES) {
      if (s.id().contains("#c") && !s.needs().contains(Fact.SAME_TYPE)) {
        expected.add(s.id());
      }
    }
    assertThat(expected).hasSizeGreaterThan(250);
    for (ReasonLocale l : ReasonLocale.values()) {
      Set<String> seen = new HashSet<>();
      for (String c : List.of("C", "E")) {
        for (RealisedReason r : options(f.u1, c, l)) {
          if (!r.templateId().contains("#c")) {
            continue;
          }
          seen.add(shapeId(r));
          assertThat(failures(f.u1, c, r)).as(r.text()).isEmpty();
        }
      }
      assertThat(seen).as(l.tag()).containsAll(expected);
    }
    assertThat(options(f.u1, "C", ReasonLocale.EN))
        .extracting(RealisedReason::text)
        .contains(
            "You reviewed the OPI nail polish: 12 other shoppers chose both (1 in 8 of that"
                + " item's shoppers).",
            "Picked after the OPI nail polish you reviewed; 12 of that item's shoppers chose this"
                + " one as well.");
  }

  @Test
  void aPlantedFalseFigureBrandOrAnchorIsRejectedInEveryComposedSentence() {
    for (ReasonLocale l : ReasonLocale.values()) {
      for (String c : List.of("C", "E")) {
        for (RealisedReason r : options(f.u1, c, l)) {
          if (!r.templateId().contains("#c")) {
            continue;
          }
          String what = r.templateId() + ": " + r.text();
          RealisedReason figure =
              plant(
                  r,
                  x ->
                      x instanceof Claim.CoViewCountClaim y
                          ? new Claim.CoViewCountClaim(
                              y.anchorId(), y.candidateId(), y.count() + 1, "" + (y.count() + 1))
                          : x);
          assertThat(failures(f.u1, c, figure)).as(what).anyMatch(p -> p.startsWith("quotes"));
          RealisedReason anchor = plant(r, x -> moveToB(x));
          assertThat(failures(f.u1, c, anchor)).as(what).isNotEmpty();
          if (r.claims().stream().anyMatch(Claim.SameBrandClaim.class::isInstance)) {
            RealisedReason brand =
                plant(
                    r,
                    x ->
                        x instanceof Claim.SameBrandClaim y
                            ? new Claim.SameBrandClaim(y.anchorId(), y.candidateId(), "Maybelline")
                            : x);
            assertThat(failures(f.u1, c, brand))
                .as(what)
                .anyMatch(p -> p.contains("does not start with that brand"));
          }
        }
      }
    }
  }

  /** The anchor claim moved to B, an item u1 never had. */
  private Claim moveToB(Claim x) {
    return x instanceof Claim.AnchorClaim a ? new Claim.AnchorClaim("B", a.rendered()) : x;
  }

  @Test
  void everyWordingOfTheSimilarityAndRecentItemsReasonsIsDrawnAndVerified() {
    Set<String> similar = new HashSet<>();
    Set<String> recent = new HashSet<>();
    Templates.SHAPES.stream()
        .filter(s -> s.family().equals("similar"))
        .forEach(s -> similar.add(s.id()));
    Templates.SHAPES.stream()
        .filter(s -> s.family().equals("from_recent"))
        .forEach(s -> recent.add(s.id()));
    assertThat(similar).hasSize(4);
    assertThat(recent).hasSize(2);
    for (ReasonLocale l : ReasonLocale.values()) {
      Set<String> seenSimilar = new HashSet<>();
      Set<String> seenRecent = new HashSet<>();
      for (int i = 0; i < 60; i++) {
        // u2's B is close to C (cosine .96); F relates to none of u1's items
        UserProfile u2 = as(f.u2, "u2-" + i);
        for (RealisedReason r : options(u2, "C", l)) {
          if (r.claims().stream().anyMatch(Claim.SimilarityClaim.class::isInstance)) {
            seenSimilar.add(shapeId(r));
            assertThat(failures(u2, "C", r)).as(r.text()).isEmpty();
            // said of F, which is not close to B, it is turned down
            assertThat(failures(u2, "F", r)).as(r.text()).isNotEmpty();
            assertThat(failures(u2, "C", plant(r, this::moveToD))).as(r.text()).isNotEmpty();
          }
        }
        UserProfile u1 = as(f.u1, "u1-" + i);
        for (RealisedReason r : options(u1, "F", l)) {
          if (shapeId(r).startsWith("from_recent")) {
            seenRecent.add(shapeId(r));
            assertThat(failures(u1, "F", r)).as(r.text()).isEmpty();
            assertThat(failures(u1, "F", plant(r, this::moveToB))).as(r.text()).isNotEmpty();
          }
        }
      }
      assertThat(seenSimilar).as(l.tag()).isEqualTo(similar);
      assertThat(seenRecent).as(l.tag()).isEqualTo(recent);
    }
  }

  /** The anchor and action claims moved to D, an item u2 never had. */
  private Claim moveToD(Claim x) {
    return switch (x) {
      case Claim.AnchorClaim a -> new Claim.AnchorClaim("D", a.rendered());
      case Claim.SimilarityClaim s -> new Claim.SimilarityClaim("D", s.candidateId());
      default -> x;
    };
  }
}
