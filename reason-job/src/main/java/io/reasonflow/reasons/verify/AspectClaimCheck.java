package io.reasonflow.reasons.verify;

import io.reasonflow.common.model.UserProfile;
import io.reasonflow.reasons.aspects.AspectNames;
import io.reasonflow.reasons.aspects.Mention;
import io.reasonflow.reasons.aspects.Review;
import io.reasonflow.reasons.aspects.ReviewAspects;
import io.reasonflow.reasons.realise.Claim;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks review-aspect claims against the reviews' own mentions, recounted here review by review:
 * never the per-item counts the realiser quoted from ({@code ReviewAspects.aspects}), so one
 * counting bug cannot live on both sides. Praise needs at least the privacy threshold of reviewers
 * and more praising than complaining; a count and its provenance must be exactly the reviews that
 * praise; a share is read from its words ({@link SharePhraseMeaning}); and an aspect "you wrote
 * about" must be in the shopper's own review of the named item.
 */
final class AspectClaimCheck {
  private final ReviewAspects store;
  private final int minReviewers;

  AspectClaimCheck(ReviewAspects store, int minReviewers) {
    this.store = store;
    this.minReviewers = minReviewers;
  }

  /** Reviewers of the item praising and complaining of the aspect, by their reviews' net score. */
  private record Tally(Set<String> praising, Set<String> complaining) {}

  private Tally tally(String itemId, String aspect) {
    Set<String> praising = new HashSet<>();
    Set<String> complaining = new HashSet<>();
    for (String id : store.reviewIds(itemId)) {
      double net = 0;
      for (Mention m : store.mentions(id)) {
        if (m.aspect().equals(aspect)) {
          net += m.polarity() * m.intensity();
        }
      }
      if (net > 0) {
        praising.add(id);
      } else if (net < 0) {
        complaining.add(id);
      }
    }
    return new Tally(praising, complaining);
  }

  private String praise(String itemId, String aspect) {
    Tally t = tally(itemId, aspect);
    if (t.praising().isEmpty() && t.complaining().isEmpty()) {
      return "no reviewer of " + itemId + " judges its " + aspect;
    }
    if (t.praising().size() < minReviewers) {
      return t.praising().size()
          + " reviewers praise the "
          + aspect
          + ", under the privacy threshold of "
          + minReviewers;
    }
    if (t.complaining().size() >= t.praising().size()) {
      return t.praising().size()
          + " reviewers praise the "
          + aspect
          + " but "
          + t.complaining().size()
          + " complain of it";
    }
    return null;
  }

  String check(Claim.AspectClaim c, String candidateId, ReasonLocale locale) {
    String p = praise(candidateId, c.aspect());
    return p != null ? p : named(c.aspect(), c.rendered(), locale);
  }

  String check(Claim.AspectCountClaim c, String candidateId) {
    String p = praise(candidateId, c.aspect());
    if (p != null) {
      return p;
    }
    Set<String> truth = tally(candidateId, c.aspect()).praising();
    if (c.count() != truth.size()) {
      return "quotes "
          + c.count()
          + " reviewers praising the "
          + c.aspect()
          + "; the reviews give "
          + truth.size();
    }
    if (!new HashSet<>(c.reviewIds()).equals(truth) || c.reviewIds().size() != truth.size()) {
      return "cites reviews " + c.reviewIds() + " that are not the ones praising the " + c.aspect();
    }
    return c.rendered().equals(Integer.toString(c.count()))
        ? null
        : "its text '" + c.rendered() + "' is not " + c.count();
  }

  String check(Claim.AspectReviewersClaim c, String candidateId) {
    int truth = store.reviewIds(candidateId).size();
    if (c.count() != truth) {
      return "says " + c.count() + " reviewers; the item has " + truth + " reviews with text";
    }
    return c.rendered().equals(Integer.toString(c.count()))
        ? null
        : "its text '" + c.rendered() + "' is not " + c.count();
  }

  String check(Claim.AspectShareClaim c, String candidateId, ReasonLocale locale) {
    String p = praise(candidateId, c.aspect());
    if (p != null) {
      return p;
    }
    int count = tally(candidateId, c.aspect()).praising().size();
    int of = store.reviewIds(candidateId).size();
    if (count != c.count() || of != c.of()) {
      return "claims " + c.count() + " of " + c.of() + "; the reviews give " + count + " of " + of;
    }
    return SharePhraseMeaning.check(c.rendered(), count, of, locale);
  }

  /**
   * The shopper's own review of the anchor (the profile's shopper: a claim cannot name another)
   * mentions the aspect.
   */
  String check(Claim.UserAspectClaim c, UserProfile profile, ReasonLocale locale) {
    String id = Review.of(profile.userId(), c.anchorId(), "").id();
    if (store.review(id).isEmpty()) {
      return "the shopper wrote no review of " + c.anchorId();
    }
    List<Mention> mine = store.mentions(id);
    if (mine.stream().noneMatch(m -> m.aspect().equals(c.aspect()))) {
      return "the shopper's review of " + c.anchorId() + " does not speak of the " + c.aspect();
    }
    return named(c.aspect(), c.rendered(), locale);
  }

  private String named(String aspect, String rendered, ReasonLocale locale) {
    String expected = AspectNames.name(store, aspect, locale).orElse(null);
    if (expected == null) {
      return "the " + aspect + " has no name in " + locale.tag();
    }
    return expected.equals(rendered)
        ? null
        : "names the aspect '" + rendered + "', which renders as '" + expected + "'";
  }
}
