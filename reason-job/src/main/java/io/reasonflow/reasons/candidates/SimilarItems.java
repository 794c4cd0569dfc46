package io.reasonflow.reasons.candidates;

import java.util.List;
import java.util.Set;

/**
 * Vector neighbours of items and of user vectors. Implemented over the Lucene HNSW index ({@code
 * ItemSearcher}) in production and by {@link BruteForceSimilarity} where no index exists (tests,
 * small catalogues).
 */
public interface SimilarItems {
  /**
   * The {@code k} items most similar to {@code itemId}, the item itself and {@code exclude} left
   * out.
   */
  List<Neighbour> similarItems(String itemId, int k, Set<String> exclude);

  /** The {@code k} items nearest to {@code query}, {@code exclude} left out. */
  List<Neighbour> nearest(float[] query, int k, Set<String> exclude);
}
