package io.reasonflow.reasons;

import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.model.VectorMath;
import io.reasonflow.reasons.realise.Claim;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A second implementation of the claim checks, for {@code eval-reasons}: written apart from {@link
 * io.reasonflow.reasons.verify.FaithfulnessVerifier}, reading the raw feature files and the
 * labelled sets rather than the verifier's stores and rules, so that the verifier's figure is not
 * measured against itself. Each claim is {@link Outcome#RIGHT}, {@link Outcome#WRONG} or {@link
 * Outcome#UNCHECKED} (this re-check has no second way to read it: popularity buckets, review
 * aspects, routines, and relation or type claims on pairs no label covers).
 *
 * <p>Its own readings: a co-view count is looked up in {@code coviews.tsv.gz} as written by the
 * feature job; a share phrase is parsed back to a fraction with fixed bands ("about F": within 15%
 * of F or 3 points; "nearly F": under F by at most 20% of F; "over F": over F by at most 20% of F;
 * "nearly all": 85-99.9%; a bare fraction: within half a point); a shared brand is the same first
 * word of both titles; a shared term is a whole word of both titles; a relation or same-type claim
 * is the labelled pair's label; a type claim is the labelled item's label, else the type's head
 * noun in the title; an attribute is the catalogue row's brand and category, and each spec value's
 * digits or words in the title.
 */
public final class ClaimRecheck {
  public enum Outcome {
    RIGHT,
    WRONG,
    UNCHECKED
  }

  private final Map<String, ItemFeatures> items;
  private final Map<String, Integer> coViews;
  private final Set<EventType> dataActions;
  private final Map<String, String> relationLabels;
  private final Map<String, Set<String>> typeLabels;
  private final double similarCosine;

  /**
   * @param coViews shoppers per unordered pair, key {@link #pair}
   * @param relationLabels SUBSTITUTE / COMPLEMENT / NEITHER per ordered pair, key {@link #pair}
   *     (anchor first)
   * @param typeLabels the types a labelled item may be called ("-": none)
   */
  public ClaimRecheck(
      Map<String, ItemFeatures> items,
      Map<String, Integer> coViews,
      Set<EventType> dataActions,
      Map<String, String> relationLabels,
      Map<String, Set<String>> typeLabels,
      double similarCosine) {
    this.items = items;
    this.coViews = coViews;
    this.dataActions = dataActions;
    this.relationLabels = relationLabels;
    this.typeLabels = typeLabels;
    this.similarCosine = similarCosine;
  }

  public static String pair(String a, String b) {
    return a + "\t" + b;
  }

  private int coViewCount(String a, String b) {
    Integer n = coViews.get(pair(a, b));
    return n != null ? n : coViews.getOrDefault(pair(b, a), 0);
  }

  private String title(String id) {
    ItemFeatures f = items.get(id);
    return f == null ? "" : f.item().title();
  }

  public Outcome check(Claim claim, UserProfile profile, String candidateId) {
    return switch (claim) {
      case Claim.AnchorClaim c -> is(anchor(profile, c.itemId()).isPresent());
      case Claim.ActionClaim c ->
          is(anchor(profile, c.anchorId()).map(a -> a.type() == c.action()).orElse(false));
      case Claim.CoViewCountClaim c -> is(coViewCount(c.anchorId(), candidateId) == c.count());
      case Claim.CoActionClaim c ->
          is(!c.actions().isEmpty() && dataActions.containsAll(c.actions()));
      case Claim.ShareClaim c -> share(c, candidateId);
      case Claim.SharedTermClaim c ->
          is(
              wordIn(title(c.anchorId()), c.term().toLowerCase(Locale.ROOT))
                  && wordIn(title(candidateId), c.term().toLowerCase(Locale.ROOT)));
      case Claim.SameBrandClaim c -> sameBrand(c, candidateId);
      case Claim.SimilarityClaim c -> similarity(c.anchorId(), candidateId);
      case Claim.RelationClaim c -> relation(c.anchorId(), candidateId, c.relation().name());
      case Claim.SameTypeClaim c -> sameType(c, candidateId);
      case Claim.TypeClaim c -> type(candidateId, c.type());
      case Claim.AttributeClaim c -> attribute(c, candidateId);
      default -> Outcome.UNCHECKED; // popularity, routine, review aspects
    };
  }

  private static Outcome is(boolean right) {
    return right ? Outcome.RIGHT : Outcome.WRONG;
  }

  private static Optional<Anchor> anchor(UserProfile p, String itemId) {
    return p.recent().stream().filter(a -> a.itemId().equals(itemId)).findFirst();
  }

  private static boolean wordIn(String title, String word) {
    return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])")
        .matcher(title.toLowerCase(Locale.ROOT))
        .find();
  }

  private static String firstWord(String title) {
    Matcher m = Pattern.compile("[\\p{L}\\p{N}']+").matcher(title.toLowerCase(Locale.ROOT));
    return m.find() ? m.group() : "";
  }

  private Outcome sameBrand(Claim.SameBrandClaim c, String candidateId) {
    String a = firstWord(title(c.anchorId()));
    return is(
        !a.isEmpty()
            && a.equals(firstWord(title(candidateId)))
            && a.equals(firstWord(c.brand() == null ? "" : c.brand())));
  }

  private Outcome similarity(String a, String b) {
    ItemFeatures fa = items.get(a);
    ItemFeatures fb = items.get(b);
    if (fa == null || fb == null) {
      return Outcome.WRONG;
    }
    return is(VectorMath.cosine(fa.vector(), fb.vector()) >= similarCosine);
  }

  private Outcome relation(String anchor, String candidate, String claimed) {
    String label = relationLabels.get(pair(anchor, candidate));
    return label == null ? Outcome.UNCHECKED : is(label.equals(claimed));
  }

  private Outcome sameType(Claim.SameTypeClaim c, String candidateId) {
    String label = relationLabels.get(pair(c.anchorId(), candidateId));
    if (label != null) {
      return is(label.equals("SUBSTITUTE"));
    }
    Set<String> a = typeLabels.get(c.anchorId());
    Set<String> b = typeLabels.get(candidateId);
    if (a != null && b != null) {
      return is(a.contains(c.type()) && b.contains(c.type()));
    }
    return Outcome.UNCHECKED;
  }

  /** Labelled type, else the type's head noun (its last word, singular or plural) in the title. */
  private Outcome type(String candidateId, String type) {
    Set<String> labels = typeLabels.get(candidateId);
    if (labels != null) {
      return is(labels.contains(type));
    }
    String[] words = type.split(" ");
    String head = words[words.length - 1];
    String stem = head.endsWith("s") ? head.substring(0, head.length() - 1) : head;
    String t = title(candidateId);
    return wordIn(t, stem) || wordIn(t, stem + "s") || wordIn(t, stem + "es")
        ? Outcome.RIGHT
        : Outcome.UNCHECKED; // a synonym ("lotion" for a face moisturizer) is not a wrong type
  }

  private Outcome attribute(Claim.AttributeClaim c, String candidateId) {
    ItemFeatures f = items.get(candidateId);
    if (f == null) {
      return Outcome.WRONG;
    }
    if (c.brand() != null && !c.brand().equalsIgnoreCase(String.valueOf(f.item().brand()))) {
      return Outcome.WRONG;
    }
    List<String> path = f.item().categoryPath();
    if (c.category() != null
        && (path.isEmpty() || !c.category().equals(path.get(path.size() - 1)))) {
      return Outcome.WRONG;
    }
    String title = f.item().title().toLowerCase(Locale.ROOT);
    for (String spec : c.specs()) {
      String value = spec.substring(spec.indexOf(':') + 1).toLowerCase(Locale.ROOT);
      String digits = value.replaceAll("[^0-9./]", "");
      boolean found =
          digits.isEmpty()
              ? List.of(value.split("[^\\p{L}]+")).stream()
                  .filter(w -> w.length() > 2)
                  .allMatch(w -> title.contains(w))
              : title.replace(" ", "").contains(digits.replaceAll("^0+(?=\\.)", ""))
                  || title.contains(digits);
      if (!found) {
        return Outcome.WRONG;
      }
    }
    return Outcome.RIGHT;
  }

  private Outcome share(Claim.ShareClaim c, String candidateId) {
    if (coViewCount(c.anchorId(), candidateId) != c.count()) {
      return Outcome.WRONG;
    }
    ItemFeatures anchor = items.get(c.anchorId());
    if (anchor == null || anchor.shoppers() != c.of() || c.of() <= 0) {
      return Outcome.WRONG;
    }
    Optional<Boolean> holds = SharePhraseReading.holds(c.rendered(), (double) c.count() / c.of());
    return holds.map(ClaimRecheck::is).orElse(Outcome.UNCHECKED);
  }
}
