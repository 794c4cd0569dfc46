package io.reasonflow.reasons.explain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An item's nearest items by shopper co-occurrence: the items most shoppers reviewed alongside it,
 * most shared shoppers first, ties by item id. Built from training reviews only, so no held-out
 * review shapes an input. In production the candidate's nearest items come from the embedding
 * index's vectors; the review data has no such index, and co-occurrence is what the vectors are
 * trained from.
 */
public final class CoReviewNeighbours {
  private final Map<String, List<String>> nearest;

  private CoReviewNeighbours(Map<String, List<String>> nearest) {
    this.nearest = Map.copyOf(nearest);
  }

  /**
   * @param trainReviews the training reviews (user, item); reviews without a user are ignored
   * @param k how many neighbours to keep per item
   */
  public static CoReviewNeighbours of(Collection<SourceReview> trainReviews, int k) {
    Map<String, TreeSet<String>> itemsOfUser = new HashMap<>();
    for (SourceReview r : trainReviews) {
      if (!r.userId().isEmpty()) {
        itemsOfUser.computeIfAbsent(r.userId(), u -> new TreeSet<>()).add(r.itemId());
      }
    }
    Map<String, Map<String, Integer>> counts = new HashMap<>();
    for (TreeSet<String> items : itemsOfUser.values()) {
      for (String a : items) {
        for (String b : items) {
          if (!a.equals(b)) {
            counts.computeIfAbsent(a, x -> new HashMap<>()).merge(b, 1, Integer::sum);
          }
        }
      }
    }
    Map<String, List<String>> out = new HashMap<>();
    for (var e : counts.entrySet()) {
      List<Map.Entry<String, Integer>> list = new ArrayList<>(e.getValue().entrySet());
      list.sort(
          Map.Entry.<String, Integer>comparingByValue()
              .reversed()
              .thenComparing(Map.Entry.comparingByKey()));
      out.put(e.getKey(), list.stream().limit(k).map(Map.Entry::getKey).toList());
    }
    return new CoReviewNeighbours(out);
  }

  /** The item's nearest items, nearest first; empty for an item nobody co-reviewed. */
  public List<String> of(String itemId) {
    return nearest.getOrDefault(itemId, List.of());
  }
}
