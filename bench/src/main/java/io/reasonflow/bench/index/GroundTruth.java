package io.reasonflow.bench.index;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.lucene.util.VectorUtil;

/**
 * Exact nearest neighbours by brute force: the dot product of a unit query with every unit vector,
 * best k kept. The reference every engine's recall is measured against, and itself an engine (the
 * latency of no index at all).
 */
final class GroundTruth {
  private GroundTruth() {}

  /** Exact top-k ids of every query, computed on all cores. */
  static int[][] exact(float[][] vectors, float[][] queries, int k) {
    return IntStream.range(0, queries.length)
        .parallel()
        .mapToObj(i -> topK(vectors, queries[i], k))
        .toArray(int[][]::new);
  }

  /** Exact top-k ids, best first (ties: lower id first). */
  static int[] topK(float[][] vectors, float[] q, int k) {
    // a bounded min-heap of (score, id) in two arrays: no boxing in a loop run a billion times
    float[] scores = new float[k];
    int[] ids = new int[k];
    int size = 0;
    for (int i = 0; i < vectors.length; i++) {
      float s = VectorUtil.dotProduct(q, vectors[i]);
      if (size < k) {
        scores[size] = s;
        ids[size] = i;
        siftUp(scores, ids, size++);
      } else if (s > scores[0]) {
        scores[0] = s;
        ids[0] = i;
        siftDown(scores, ids, size);
      }
    }
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) ->
            scores[a] != scores[b]
                ? Float.compare(scores[b], scores[a])
                : Integer.compare(ids[a], ids[b]));
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = ids[order[i]];
    }
    return out;
  }

  /** |found ∩ exact| / |exact|. */
  static double recall(int[] found, int[] exact) {
    int hits = 0;
    for (int f : found) {
      for (int e : exact) {
        if (f == e) {
          hits++;
          break;
        }
      }
    }
    return exact.length == 0 ? 1.0 : (double) hits / exact.length;
  }

  private static boolean less(float[] s, int[] id, int a, int b) {
    return s[a] < s[b] || (s[a] == s[b] && id[a] > id[b]);
  }

  private static void swap(float[] s, int[] id, int a, int b) {
    float ts = s[a];
    s[a] = s[b];
    s[b] = ts;
    int ti = id[a];
    id[a] = id[b];
    id[b] = ti;
  }

  private static void siftUp(float[] s, int[] id, int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!less(s, id, i, parent)) {
        return;
      }
      swap(s, id, i, parent);
      i = parent;
    }
  }

  private static void siftDown(float[] s, int[] id, int size) {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int min = i;
      if (l < size && less(s, id, l, min)) {
        min = l;
      }
      if (r < size && less(s, id, r, min)) {
        min = r;
      }
      if (min == i) {
        return;
      }
      swap(s, id, i, min);
      i = min;
    }
  }
}
