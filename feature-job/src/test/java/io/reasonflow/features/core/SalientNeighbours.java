package io.reasonflow.features.core;

import io.reasonflow.common.model.VectorMath;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cold-start quality measure: for query vectors, the brute-force cosine neighbours among the
 * learned items, and whether they share a salient title word with the query (a word in at most 5%
 * of titles, as the reason job defines salient: a brand, a product kind, a shade name). The random
 * baseline (the share of learned items that have a salient word of the query) is counted through an
 * index from word to learned items: the same count as testing every pair, without millions of set
 * intersections.
 */
final class SalientNeighbours {
  /** Salient words of each title: those in at most 5% of {@code titles}. */
  static Map<String, Set<String>> salientWords(Map<String, String> titles) {
    Map<String, Integer> df = new HashMap<>();
    titles
        .values()
        .forEach(t -> new HashSet<>(TitleWords.of(t)).forEach(w -> df.merge(w, 1, Integer::sum)));
    Map<String, Set<String>> salient = new HashMap<>();
    titles.forEach(
        (id, t) -> {
          Set<String> set = new HashSet<>();
          for (String w : TitleWords.of(t)) {
            if (df.get(w) <= 0.05 * titles.size()) {
              set.add(w);
            }
          }
          salient.put(id, set);
        });
    return salient;
  }

  private final List<String> warm;
  private final Map<String, float[]> behaviour;
  private final Map<String, Set<String>> salient;

  /** Salient word -> positions in {@link #warm} of the learned items whose title has it. */
  private final Map<String, List<Integer>> warmByWord = new HashMap<>();

  private final Map<String, Integer> warmPosition = new HashMap<>();
  int queries;
  private int top1Shared;
  private int top10Shared;
  private double randomShared;

  SalientNeighbours(
      List<String> warm, Map<String, float[]> behaviour, Map<String, Set<String>> salient) {
    this.warm = warm;
    this.behaviour = behaviour;
    this.salient = salient;
    for (int i = 0; i < warm.size(); i++) {
      warmPosition.put(warm.get(i), i);
      for (String word : salient.getOrDefault(warm.get(i), Set.of())) {
        warmByWord.computeIfAbsent(word, k -> new ArrayList<>()).add(i);
      }
    }
  }

  /** Counts one query: its 10 nearest learned items (itself excluded) against its salient words. */
  void add(String query, float[] v) {
    Set<String> mine = salient.getOrDefault(query, Set.of());
    if (mine.isEmpty()) {
      return;
    }
    String[] best = new String[10];
    double[] bestCos = new double[10];
    java.util.Arrays.fill(bestCos, Double.NEGATIVE_INFINITY);
    for (String w : warm) {
      if (w.equals(query)) {
        continue;
      }
      double cos = VectorMath.dot(v, behaviour.get(w));
      if (cos > bestCos[9]) {
        int k = 9;
        while (k > 0 && bestCos[k - 1] < cos) {
          bestCos[k] = bestCos[k - 1];
          best[k] = best[k - 1];
          k--;
        }
        bestCos[k] = cos;
        best[k] = w;
      }
    }
    BitSet sharingSet = new BitSet(warm.size());
    for (String word : mine) {
      warmByWord.getOrDefault(word, List.of()).forEach(sharingSet::set);
    }
    Integer self = warmPosition.get(query);
    if (self != null) {
      sharingSet.clear(self); // the query is not its own neighbour
    }
    int sharing = sharingSet.cardinality();
    queries++;
    randomShared += (double) sharing / warm.size();
    if (shares(mine, salient.get(best[0]))) {
      top1Shared++;
    }
    for (String b : best) {
      if (b != null && shares(mine, salient.get(b))) {
        top10Shared++;
        break;
      }
    }
  }

  double top1() {
    return (double) top1Shared / queries;
  }

  double top10() {
    return (double) top10Shared / queries;
  }

  double random() {
    return randomShared / queries;
  }

  private static boolean shares(Set<String> a, Set<String> b) {
    for (String x : a) {
      if (b.contains(x)) {
        return true;
      }
    }
    return false;
  }
}
