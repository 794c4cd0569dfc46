package io.reasonflow.reasons.candidates;

import io.reasonflow.common.model.VectorMath;
import io.reasonflow.index.search.ItemFilter;
import io.reasonflow.index.search.ItemScore;
import io.reasonflow.index.search.ItemSearcher;
import io.reasonflow.reasons.evidence.ItemCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link SimilarItems} over the Lucene HNSW index. Item vectors come from the catalogue already in
 * memory, so a neighbour query is one k-NN search with the exclusions pushed into the index filter
 * (no over-fetching), and its hits are ids and scores only (no stored document is read back).
 *
 * <p>The index chooses the neighbours; their scores are {@link VectorMath#cosine} over the
 * catalogue vectors, the one {@link BruteForceSimilarity} gives, so both sources score a neighbour
 * identically. (The index's own score, over its float unit vectors, is reproducible too but differs
 * from the scan's in the last digits.) Scores taken from Lucene's SIMD dot product, as they once
 * were, changed in the last bit once the JIT compiled it, so a replayed shopper after a restart got
 * a reason message that differed in a score digit: exactly-once output must be reproducible, so a
 * score must depend on the vectors alone.
 */
public final class IndexSimilarity implements SimilarItems {
  private static final Comparator<Neighbour> BEST_FIRST =
      Comparator.comparingDouble(Neighbour::score).reversed().thenComparing(Neighbour::itemId);

  private final ItemSearcher searcher;
  private final ItemCatalog catalog;

  public IndexSimilarity(ItemSearcher searcher, ItemCatalog catalog) {
    this.searcher = searcher;
    this.catalog = catalog;
  }

  @Override
  public List<Neighbour> similarItems(String itemId, int k, Set<String> exclude) {
    Set<String> skip = new HashSet<>(exclude);
    skip.add(itemId);
    return catalog.get(itemId).map(f -> nearest(f.vector(), k, skip)).orElse(List.of());
  }

  @Override
  public List<Neighbour> nearest(float[] query, int k, Set<String> exclude) {
    if (isZero(query)) {
      return List.of(); // the index rejects zero queries; nothing is near "no signal"
    }
    List<Neighbour> out = new ArrayList<>(k);
    for (ItemScore hit : searcher.nearestIds(query, k, exclude, ItemFilter.NONE)) {
      out.add(
          new Neighbour(
              hit.itemId(),
              catalog
                  .get(hit.itemId())
                  .map(f -> VectorMath.cosine(query, f.vector()))
                  .orElse(
                      (double) hit.score()))); // an item the index has and the catalogue lacks: the
      // index's float score
    }
    out.sort(BEST_FIRST);
    return out;
  }

  private static boolean isZero(float[] v) {
    for (float x : v) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
