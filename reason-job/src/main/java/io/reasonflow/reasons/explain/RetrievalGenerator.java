package io.reasonflow.reasons.explain;

import io.reasonflow.reasons.explain.ExplanationExample.Split;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The retrieval baseline, "rank, don't generate": of the candidate item's training sentences, the
 * one closest to the example's evidence: most features in common first, then the highest TF-IDF
 * cosine between the sentence and the evidence words (features and opinions), then the earliest in
 * the data set. Never a sentence of the example's own review. Empty when the item has no other
 * training sentence.
 */
public final class RetrievalGenerator implements ExplanationGenerator {
  private final boolean chinese;
  private final Map<String, List<Candidate>> byItem = new HashMap<>();
  private final Map<String, Double> idf = new HashMap<>();

  private record Candidate(ExplanationExample example, Map<String, Double> vector) {}

  public RetrievalGenerator(ExplanationDataset data) {
    this.chinese = data.chinese();
    List<ExplanationExample> train = data.examples(Split.TRAIN);
    Map<String, Integer> df = new HashMap<>();
    for (ExplanationExample e : train) {
      new HashSet<>(ExplanationTokens.of(e.sentence(), chinese))
          .forEach(t -> df.merge(t, 1, Integer::sum));
    }
    df.forEach((t, n) -> idf.put(t, Math.log((double) train.size() / n) + 1));
    for (ExplanationExample e : train) {
      byItem
          .computeIfAbsent(e.itemId(), k -> new ArrayList<>())
          .add(new Candidate(e, vector(ExplanationTokens.of(e.sentence(), chinese))));
    }
  }

  @Override
  public String name() {
    return "retrieval";
  }

  @Override
  public Optional<String> explain(ExplanationExample e) {
    List<String> query = new ArrayList<>();
    for (String f : e.features()) {
      query.addAll(ExplanationTokens.of(f, chinese));
    }
    for (String o : e.opinions()) {
      query.addAll(ExplanationTokens.of(o, chinese));
    }
    Map<String, Double> q = vector(query);
    Set<String> features = new HashSet<>(e.features());
    Candidate best = null;
    int bestOverlap = -1;
    double bestCos = -1;
    for (Candidate c : byItem.getOrDefault(e.itemId(), List.of())) {
      if (c.example().reviewId().equals(e.reviewId())) {
        continue;
      }
      int overlap = (int) c.example().features().stream().filter(features::contains).count();
      if (overlap < bestOverlap) {
        continue;
      }
      double cos = cosine(q, c.vector());
      if (overlap > bestOverlap || cos > bestCos) {
        best = c;
        bestOverlap = overlap;
        bestCos = cos;
      }
    }
    return best == null ? Optional.empty() : Optional.of(best.example().sentence());
  }

  private Map<String, Double> vector(List<String> tokens) {
    Map<String, Double> v = new HashMap<>();
    for (String t : tokens) {
      v.merge(t, idf.getOrDefault(t, 0.0), Double::sum);
    }
    double norm = Math.sqrt(v.values().stream().mapToDouble(x -> x * x).sum());
    if (norm > 0) {
      v.replaceAll((k, x) -> x / norm);
    }
    return v;
  }

  private static double cosine(Map<String, Double> a, Map<String, Double> b) {
    double s = 0;
    for (var e : a.entrySet()) {
      s += e.getValue() * b.getOrDefault(e.getKey(), 0.0);
    }
    return s;
  }
}
