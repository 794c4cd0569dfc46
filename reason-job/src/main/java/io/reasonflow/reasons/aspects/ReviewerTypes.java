package io.reasonflow.reasons.aspects;

import io.reasonflow.reasons.evidence.ProductType;
import io.reasonflow.reasons.evidence.ProductTypes;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an item with no catalogue title is, by what its reviewers call it: the product type of the
 * lexicon ({@link ProductTypes#typesMentioned}) that the most of its reviewers name by the type's
 * own name ({@link #callsItBy}), kept only when more than half of its reviewers with text do and at
 * least {@value #MIN_REVIEWERS}. So B0009DXEEM, untitled in the catalogue, whose reviewers write
 * "this capo" and "the capo works", is named "the capo" (zh-CN "变调夹"). The verifier recounts the
 * majority from the review text.
 */
public final class ReviewerTypes {
  /** Fewest reviewers who must call the item by the type: one or two reviews are no consensus. */
  public static final int MIN_REVIEWERS = 3;

  private ReviewerTypes() {}

  /**
   * Whether the review says the type's own name, its last word singular or plural ("capo",
   * "strings", "pedals"): a reviewer who writes "mic" or "bag" names the item, but not by the name
   * the reason would use, so is not counted for it.
   */
  static boolean callsItBy(Set<String> words, ProductType t) {
    String head = t.en().substring(t.en().lastIndexOf(' ') + 1);
    String stem = head.endsWith("s") ? head.substring(0, head.length() - 1) : head;
    return words.contains(stem) || words.contains(stem + "s") || words.contains(stem + "es");
  }

  /** For each of {@code untitledItems} with a majority type, that type. */
  public static Map<String, ProductType> of(
      ReviewAspects reviews, ProductTypes types, Collection<String> untitledItems) {
    Map<String, ProductType> out = new HashMap<>();
    for (String item : untitledItems) {
      Map<String, Integer> by = new TreeMap<>(); // by English name: ties go to the first name
      Map<String, ProductType> named = new HashMap<>();
      int reviewers = 0;
      for (String id : reviews.reviewIds(item)) {
        reviewers++;
        String text = reviews.review(id).orElseThrow().text();
        Set<String> words = new HashSet<>(List.of(ProductTypes.normalise(text).split(" ")));
        for (ProductType t : types.typesMentioned(text)) {
          if (callsItBy(words, t)) {
            by.merge(t.en(), 1, Integer::sum);
            named.put(t.en(), t);
          }
        }
      }
      String best = null;
      for (var e : by.entrySet()) {
        if (best == null || e.getValue() > by.get(best)) {
          best = e.getKey();
        }
      }
      if (best != null && by.get(best) >= MIN_REVIEWERS && 2 * by.get(best) > reviewers) {
        out.put(item, named.get(best));
      }
    }
    return out;
  }
}
