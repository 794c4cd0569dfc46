package io.reasonflow.reasons.candidates;

import io.reasonflow.index.search.ItemFilter;
import io.reasonflow.index.search.ItemScore;
import io.reasonflow.index.search.ItemSearcher;
import io.reasonflow.reasons.evidence.ItemCatalog;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link SimilarItems} over the Lucene HNSW index. Item vectors come from the catalogue already in memory, so a
 * neighbour query is one k-NN search with the exclusions pushed into the index filter (no over-fetching), and its
 * hits are ids and scores only (no stored document is read back).
 */
public final class IndexSimilarity implements SimilarItems {
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
    return searcher.nearestIds(query, k, exclude, ItemFilter.NONE).stream().map(IndexSimilarity::neighbour).toList();
  }

  private static Neighbour neighbour(ItemScore h) {
    return new Neighbour(h.itemId(), h.score());
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
