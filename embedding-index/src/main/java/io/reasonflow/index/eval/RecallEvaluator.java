package io.reasonflow.index.eval;

import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.index.ItemIndexWriter;
import io.reasonflow.index.ItemSchema;
import io.reasonflow.index.VectorFormat;
import io.reasonflow.index.search.ItemFilter;
import io.reasonflow.index.search.ItemSearcher;
import io.reasonflow.index.search.SearchHit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Measures how much of the exact nearest-neighbour set the index finds: exact top-k by brute-force
 * cosine over the corpus versus the index's top-k, per query, averaged. For benchmarks comparing
 * vector formats and HNSW settings.
 */
public final class RecallEvaluator {
  private RecallEvaluator() {}

  /** Recall@k of {@code searcher}, which must index exactly {@code corpus}. */
  public static RecallResult evaluate(
      ItemSearcher searcher,
      List<ItemFeatures> corpus,
      List<float[]> queries,
      int k,
      VectorFormat format) {
    if (queries.isEmpty()) {
      throw new IllegalArgumentException("queries must not be empty");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    List<float[]> units = new ArrayList<>(corpus.size());
    List<String> ids = new ArrayList<>(corpus.size());
    for (ItemFeatures f : corpus) {
      float[] u = ItemSchema.unitOrNull(f.vector());
      if (u != null) {
        units.add(u);
        ids.add(f.id());
      }
    }
    double recallSum = 0;
    long nanos = 0;
    for (float[] q : queries) {
      Set<String> exact = exactTopK(units, ids, ItemSchema.unitOrNull(q), k);
      long start = System.nanoTime();
      List<SearchHit> hits = searcher.nearest(q, k, Set.of(), ItemFilter.NONE);
      nanos += System.nanoTime() - start;
      long found = hits.stream().filter(h -> exact.contains(h.itemId())).count();
      recallSum += exact.isEmpty() ? 1.0 : (double) found / exact.size();
    }
    return new RecallResult(
        format, k, queries.size(), recallSum / queries.size(), nanos / 1e3 / queries.size());
  }

  /** Builds one index per format under {@code workDir} from {@code corpus} and measures each. */
  public static List<RecallResult> compareFormats(
      List<ItemFeatures> corpus,
      List<float[]> queries,
      int k,
      IndexSettings base,
      Path workDir,
      List<VectorFormat> formats) {
    List<RecallResult> out = new ArrayList<>(formats.size());
    for (VectorFormat f : formats) {
      Path dir = workDir.resolve(f.name().toLowerCase(java.util.Locale.ROOT));
      try (ItemIndexWriter w = ItemIndexWriter.open(dir, base.withFormat(f))) {
        corpus.forEach(w::upsert);
        w.forceMerge();
        w.commit(Map.of());
      }
      try (ItemSearcher s = ItemSearcher.open(dir)) {
        out.add(evaluate(s, corpus, queries, k, f));
      }
    }
    return out;
  }

  /** Ids of the k unit vectors with the largest dot product with {@code q}. */
  static Set<String> exactTopK(List<float[]> units, List<String> ids, float[] q, int k) {
    PriorityQueue<double[]> best = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
    for (int i = 0; i < units.size(); i++) {
      double dot = 0;
      float[] v = units.get(i);
      for (int d = 0; d < v.length; d++) {
        dot += (double) v[d] * q[d];
      }
      best.add(new double[] {dot, i});
      if (best.size() > k) {
        best.poll();
      }
    }
    Set<String> out = new HashSet<>();
    best.forEach(e -> out.add(ids.get((int) e[1])));
    return out;
  }
}
