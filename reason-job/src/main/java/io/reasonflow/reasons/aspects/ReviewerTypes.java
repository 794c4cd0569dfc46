package io.reasonflow.reasons.aspects;

import io.reasonflow.reasons.evidence.ProductType;
import io.reasonflow.reasons.evidence.ProductTypes;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an item with no catalogue title is, by what its reviewers call it: the product type of the
 * lexicon ({@link ProductTypes#typesMentioned}) that the most of its reviewers name, kept only when
 * more than half of its reviewers with text name it and at least {@value #MIN_REVIEWERS} do. So
 * B0009DXEEM, untitled in the catalogue, whose reviewers write "this capo" and "the capo works", is
 * named "the capo" (zh-CN "变调夹"). The verifier recounts the majority from the review text.
 */
public final class ReviewerTypes {
  /** Fewest reviewers who must call the item by the type: one or two reviews are no consensus. */
  public static final int MIN_REVIEWERS = 3;

  private ReviewerTypes() {}

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
        for (ProductType t : types.typesMentioned(reviews.review(id).orElseThrow().text())) {
          by.merge(t.en(), 1, Integer::sum);
          named.put(t.en(), t);
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
