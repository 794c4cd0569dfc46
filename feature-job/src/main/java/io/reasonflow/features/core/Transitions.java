package io.reasonflow.features.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sequence-aware item-to-item similarity: how often item c follows item a closely in shoppers'
 * time-ordered histories. Co-view ({@link CoViews}) only pairs items of one session, which on
 * day-resolution logs is one day; a shopper's next purchase is usually on another day, and usually
 * close after the previous one.
 *
 * <p>Definition, over item sequences (each shopper's history, immediate repeats collapsed):
 *
 * <ul>
 *   <li>For positions {@code p < q <= p + window}: {@code follow(s[p], s[q]) += 1 / (q - p)} and,
 *       with {@code backward} weight, {@code follow(s[q], s[p]) += backward / (q - p)} (a same-day
 *       order is arbitrary, and a complement bought before also predicts).
 *   <li>{@code sim(a, c) = follow(a, c) / sqrt(occ(a) * occ(c))}, occ = occurrences, so a
 *       best-seller that follows everything does not win every list.
 * </ul>
 */
public final class Transitions {
  /**
   * Items within this many positions of each other count: 5 over 3 on Beauty's validation item
   * (seq-kNN validation NDCG@10 0.0568 vs 0.0558), used by eval-recs and the backfill alike.
   */
  public static final int WINDOW = 5;

  /** Weight of the backward direction (see the class comment). */
  public static final double BACKWARD = 0.5;

  private final int[][] targets;
  private final float[][] scores;

  private Transitions(int[][] targets, float[][] scores) {
    this.targets = targets;
    this.scores = scores;
  }

  /** Counts over sequences of item indices in {@code [0, n)}. */
  public static Transitions count(List<int[]> sequences, int n, int window, double backward) {
    @SuppressWarnings("unchecked")
    Map<Integer, Double>[] follow = new Map[n];
    int[] occ = new int[n];
    for (int[] seq : sequences) {
      for (int p = 0; p < seq.length; p++) {
        occ[seq[p]]++;
        for (int q = p + 1; q < seq.length && q <= p + window; q++) {
          if (seq[q] == seq[p]) {
            continue;
          }
          double w = 1.0 / (q - p);
          add(follow, seq[p], seq[q], w);
          if (backward > 0) {
            add(follow, seq[q], seq[p], backward * w);
          }
        }
      }
    }
    int[][] targets = new int[n][];
    float[][] scores = new float[n][];
    for (int a = 0; a < n; a++) {
      Map<Integer, Double> m = follow[a];
      int size = m == null ? 0 : m.size();
      targets[a] = new int[size];
      scores[a] = new float[size];
      if (m == null) {
        continue;
      }
      int k = 0;
      for (Map.Entry<Integer, Double> e : m.entrySet()) {
        int c = e.getKey();
        targets[a][k] = c;
        scores[a][k] = (float) (e.getValue() / Math.sqrt((double) occ[a] * occ[c]));
        k++;
      }
    }
    return new Transitions(targets, scores);
  }

  private static void add(Map<Integer, Double>[] follow, int a, int c, double w) {
    if (follow[a] == null) {
      follow[a] = new HashMap<>();
    }
    follow[a].merge(c, w, Double::sum);
  }

  /** The items that follow {@code anchor} (in no order); {@link #scores} holds their scores. */
  public int[] targets(int anchor) {
    return targets[anchor];
  }

  /** {@code sim(anchor, c)} for each c of {@link #targets}, in its order. */
  public float[] scores(int anchor) {
    return scores[anchor];
  }

  /** Adds {@code weight * sim(anchor, c)} to {@code acc[c]} for every c that follows the anchor. */
  public void addScores(int anchor, double weight, double[] acc) {
    int[] t = targets[anchor];
    float[] s = scores[anchor];
    for (int k = 0; k < t.length; k++) {
      acc[t[k]] += weight * s[k];
    }
  }
}
