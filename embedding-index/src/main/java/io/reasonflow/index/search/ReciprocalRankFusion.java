package io.reasonflow.index.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack et al., 2009): an item's fused score is the sum over lists of
 * {@code 1 / (K + rank)}. Ranks, not raw scores, are fused, because BM25 and cosine scores live on
 * unrelated scales.
 */
final class ReciprocalRankFusion {
  /** The constant from the paper; damps the weight of the very first ranks. */
  static final int K = 60;

  private ReciprocalRankFusion() {}

  /**
   * A fused entry: the item, its fused score and the names of the lists it came from, in list
   * order.
   */
  record Fused(String itemId, double score, List<String> sources) {}

  /**
   * @param lists ranked item ids keyed by list name (iteration order decides the order of names in
   *     sources)
   * @return fused entries, best first; ties keep first-seen order
   */
  static List<Fused> fuse(Map<String, List<String>> lists, int k) {
    Map<String, double[]> scores = new LinkedHashMap<>();
    Map<String, List<String>> sources = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> list : lists.entrySet()) {
      List<String> ids = list.getValue();
      for (int rank = 1; rank <= ids.size(); rank++) {
        String id = ids.get(rank - 1);
        scores.computeIfAbsent(id, x -> new double[1])[0] += 1.0 / (K + rank);
        sources.computeIfAbsent(id, x -> new ArrayList<>()).add(list.getKey());
      }
    }
    List<Fused> out = new ArrayList<>(scores.size());
    scores.forEach((id, s) -> out.add(new Fused(id, s[0], List.copyOf(sources.get(id)))));
    out.sort(Comparator.comparingDouble(Fused::score).reversed());
    return out.subList(0, Math.min(k, out.size()));
  }
}
