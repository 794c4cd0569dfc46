package io.reasonflow.reasons.candidates;

import io.reasonflow.common.model.VectorMath;
import io.reasonflow.reasons.evidence.ItemCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Exact cosine search over every catalogue item: O(items x dim) a query, exact, no index needed
 * (small catalogues and tests; the reason job uses the index when the backfill built one).
 */
public final class BruteForceSimilarity implements SimilarItems {
  private static final Comparator<Neighbour> BEST_FIRST =
      Comparator.comparingDouble(Neighbour::score).reversed().thenComparing(Neighbour::itemId);

  private final ItemCatalog catalog;

  public BruteForceSimilarity(ItemCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public List<Neighbour> similarItems(String itemId, int k, Set<String> exclude) {
    return catalog
        .get(itemId)
        .map(f -> top(f.vector(), k, id -> id.equals(itemId) || exclude.contains(id)))
        .orElse(List.of());
  }

  @Override
  public List<Neighbour> nearest(float[] query, int k, Set<String> exclude) {
    return top(query, k, exclude::contains);
  }

  private List<Neighbour> top(float[] query, int k, java.util.function.Predicate<String> skip) {
    // A min-heap of the best k so far: its head is the weakest kept neighbour.
    PriorityQueue<Neighbour> heap = new PriorityQueue<>(BEST_FIRST.reversed());
    if (k <= 0) {
      return List.of();
    }
    // one item at a time: a mapped catalogue decodes each in turn and keeps none; the kept set
    // does not depend on the order the items come in (ties are broken by id)
    catalog.forEach(
        f -> {
          if (skip.test(f.id())) {
            return;
          }
          double score = VectorMath.cosine(query, f.vector());
          if (heap.size() == k && score < heap.peek().score()) {
            return; // weaker than the weakest kept: it would be added only to be polled again
          }
          heap.add(new Neighbour(f.id(), score));
          if (heap.size() > k) {
            heap.poll();
          }
        });
    List<Neighbour> out = new ArrayList<>(heap);
    out.sort(BEST_FIRST);
    return out;
  }
}
