package io.reasonflow.reasons.aspects;

import io.reasonflow.reasons.evidence.AnchorEvidence;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.realise.Claim;
import io.reasonflow.reasons.realise.ContentReasons;
import io.reasonflow.reasons.realise.Lexicaliser;
import io.reasonflow.reasons.realise.RealisedReason;
import io.reasonflow.reasons.realise.ReasonLength;
import io.reasonflow.reasons.realise.ReasonLocale;
import io.reasonflow.reasons.realise.SlotRenderer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reasons from review aspects (issue 13): what the candidate's reviewers praise ("9 of 40 reviewers
 * praise its tone"), joined to a quotable co-view figure where the anchor has one, and first of all
 * the personal kind: an aspect the shopper wrote about in their own review of an anchor that the
 * candidate's reviewers praise. An aspect is said only when at least the privacy threshold of
 * reviewers praise it and more praise than complain of it; a share is said in the share phrases'
 * words and only from {@value #MIN_SHARE} up.
 */
public final class AspectReasons implements ContentReasons {
  /** Least share of reviewers praising an aspect that is quoted as a share. */
  static final double MIN_SHARE = 0.2;

  /**
   * Least share of reviewers praising an aspect for it to be said at all: "5 of 163 reviewers
   * praise its value" is true and says how few, as a co-view share under the template realiser's
   * WEAK_SHARE does.
   */
  static final double MIN_PRAISE = 0.1;

  private final ReviewAspects store;
  private final int minReviewers;

  /** Reasons of each kind (personal, general) written per candidate by default. */
  public static final int MAX_OPTIONS = 12;

  private final int maxOptions;

  public AspectReasons(ReviewAspects store, int minReviewers) {
    this(store, minReviewers, MAX_OPTIONS);
  }

  /**
   * @param maxOptions reasons of each kind (personal, general) written per candidate, in the seeded
   *     order; {@code Integer.MAX_VALUE} writes every shape
   */
  public AspectReasons(ReviewAspects store, int minReviewers, int maxOptions) {
    if (maxOptions < 1) {
      throw new IllegalArgumentException("maxOptions must be positive");
    }
    this.store = store;
    this.minReviewers = minReviewers;
    this.maxOptions = maxOptions;
  }

  /** The candidate's aspects a reason may name: enough praise, and more praise than complaint. */
  public List<AspectCount> praised(String itemId) {
    int reviewers = store.reviewers(itemId);
    return store.aspects(itemId).stream()
        .filter(a -> a.praising() >= minReviewers && a.praising() > a.complaining())
        .filter(a -> a.praising() >= MIN_PRAISE * reviewers)
        .toList();
  }

  @Override
  public List<RealisedReason> options(Evidence e, ReasonLocale locale, SlotRenderer renderer) {
    List<AspectCount> praised = praised(e.candidateId());
    if (praised.isEmpty() || e.anchors().isEmpty()) {
      return List.of();
    }
    int reviewers = store.reviewers(e.candidateId());
    // the shapes are drawn in a seeded order and only the first maxOptions of each kind that fit
    // are written: every shape makes the same claims, so if those fail the rest would too, and
    // writing all of them for every candidate cost more than the rest of the reason job
    List<Supplier<Optional<RealisedReason>>> personal = new ArrayList<>();
    for (AnchorEvidence a : e.anchors()) {
      if (!renderer.nameable(a.title())) {
        continue; // "the item B0... you reviewed" names nothing
      }
      Set<String> written = store.aspectsWritten(e.userId(), a.itemId());
      for (AspectCount c : praised) {
        if (written.contains(c.aspect())) {
          for (AspectTemplates.Shape s : AspectTemplates.PERSONAL) {
            if (s.needsShare() && c.praising() < MIN_SHARE * reviewers) {
              continue;
            }
            personal.add(() -> realise(s, e, a, c, reviewers, locale, renderer));
          }
        }
      }
    }
    List<Supplier<Optional<RealisedReason>>> general = new ArrayList<>();
    AspectCount top = praised.get(0);
    List<AnchorEvidence> named =
        e.anchors().stream().filter(a -> renderer.nameable(a.title())).toList();
    AnchorEvidence quotable =
        named.stream().filter(AnchorEvidence::quotable).findFirst().orElse(null);
    for (AspectTemplates.Shape s : AspectTemplates.GENERAL) {
      AnchorEvidence a = s.needsFigure() ? quotable : named.isEmpty() ? null : named.get(0);
      if (a == null || s.needsShare() && top.praising() < MIN_SHARE * reviewers) {
        continue;
      }
      general.add(() -> realise(s, e, a, top, reviewers, locale, renderer));
    }
    Random seeded = new Random(((long) e.userId().hashCode() << 32) ^ e.candidateId().hashCode());
    Collections.shuffle(personal, seeded);
    Collections.shuffle(general, seeded);
    List<RealisedReason> out = first(personal, maxOptions);
    out.addAll(first(general, maxOptions));
    return out;
  }

  private static List<RealisedReason> first(
      List<Supplier<Optional<RealisedReason>>> drawn, int max) {
    List<RealisedReason> out = new ArrayList<>();
    for (int i = 0; i < drawn.size() && out.size() < max; i++) {
      drawn.get(i).get().ifPresent(out::add);
    }
    return out;
  }

  private Optional<RealisedReason> realise(
      AspectTemplates.Shape s,
      Evidence e,
      AnchorEvidence a,
      AspectCount aspect,
      int reviewers,
      ReasonLocale locale,
      SlotRenderer renderer) {
    Optional<String> name = AspectNames.name(store, aspect.aspect(), locale);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    String c = e.candidateId();
    String skeleton = s.skeleton(locale);
    List<Claim> claims = new ArrayList<>();
    claims.add(new Claim.AnchorClaim(a.itemId(), renderer.anchor(a.title(), locale)));
    claims.add(new Claim.ActionClaim(a.itemId(), a.action(), renderer.action(a.action(), locale)));
    claims.add(new Claim.AspectClaim(c, aspect.aspect(), name.get()));
    claims.add(
        new Claim.AspectCountClaim(
            c,
            aspect.aspect(),
            aspect.praising(),
            aspect.praisingReviews(),
            renderer.count(aspect.praising())));
    claims.add(new Claim.AspectReviewersClaim(c, reviewers, renderer.count(reviewers)));
    if (s.needsShare()) {
      claims.add(
          new Claim.AspectShareClaim(
              c,
              aspect.aspect(),
              aspect.praising(),
              reviewers,
              renderer.share(aspect.praising(), reviewers, locale)));
    }
    if (s.personal()) {
      claims.add(new Claim.UserAspectClaim(a.itemId(), aspect.aspect(), name.get()));
    }
    if (s.needsFigure()) {
      claims.add(
          new Claim.CoViewCountClaim(
              a.itemId(), c, a.coViews().value(), renderer.count(a.coViews().value())));
      claims.add(new Claim.CoActionClaim(renderer.dataActions(), renderer.coAction(locale)));
    }
    String text = Lexicaliser.fill(skeleton, claims);
    if (!ReasonLength.fits(text, locale)) {
      return Optional.empty(); // a long item name in a long shape: another shape says it shorter
    }
    return Optional.of(
        new RealisedReason(
            text, skeleton, s.id() + "." + locale.tag(), locale, "template", claims));
  }
}
