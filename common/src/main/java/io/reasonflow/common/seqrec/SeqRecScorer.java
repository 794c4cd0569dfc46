package io.reasonflow.common.seqrec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sequential next-item model's forward pass for one shopper, in plain Java over the weights of
 * a {@link SeqRecFile}: what the reason job and {@code eval-recs} call per shopper. A SameDiff call
 * costs tens of milliseconds of per-op overhead whatever the size; this costs the arithmetic (about
 * 1.5 MFLOP on Beauty: the attention blocks over at most {@code maxLength} positions, then one dot
 * product per item). Immutable and thread-safe.
 *
 * <p>It lives in {@code common}, not in the feature job beside the trainer, because both the
 * feature job (which trains and checks it) and the reason job (which scores candidates) use it, and
 * the reason job must not pull in the feature job's Flink operators and ND4J's native libraries
 * (hundreds of MB) to do a few dot products. {@code embedding-index} is about the Lucene index.
 *
 * <p>Mirrors the feature job's {@code SeqRecNetwork} exactly: pre-norm blocks, single-head causal
 * attention, ReLU feed-forward, a final layer norm, scores = hidden . item embedding. The feature
 * job's {@code SeqRecTrainerTest} checks it against the graph.
 */
public final class SeqRecScorer {
  /** ND4J's layer_norm standardises with this epsilon. */
  private static final double LN_EPS = 1e-5;

  private final List<String> itemIds;
  private final Map<String, Integer> index;
  private final String trainedWith;
  private final int d;
  private final int blocks;
  private final int maxLength;
  private final float[][] emb;
  private final float[][] pos;
  private final float[][][] wq;
  private final float[][][] wk;
  private final float[][][] wv;
  private final float[][][] wo;
  private final float[][][] w1;
  private final float[][][] w2;
  private final float[][] b1;
  private final float[][] b2;
  private final float[][] ln1g;
  private final float[][] ln1b;
  private final float[][] ln2g;
  private final float[][] ln2b;
  private final float[] lnfg;
  private final float[] lnfb;

  /**
   * @throws IllegalArgumentException if a weight is missing or of the wrong shape
   */
  public SeqRecScorer(SeqRecFile f) {
    itemIds = f.itemIds();
    index = new HashMap<>();
    for (int i = 0; i < itemIds.size(); i++) {
      index.put(itemIds.get(i), i);
    }
    trainedWith = f.trainedWith();
    d = f.dim();
    blocks = f.blocks();
    maxLength = f.maxLength();
    if (d < 1 || blocks < 0 || maxLength < 1) {
      throw new IllegalArgumentException(
          "bad sizes: dim " + d + ", blocks " + blocks + ", maxLength " + maxLength);
    }
    Map<String, SeqRecFile.Tensor> w = f.weights();
    int n = itemIds.size();
    emb = matrix(w, SeqRecFile.EMB, n + 1, d);
    pos = matrix(w, "posEmb", maxLength, d);
    wq = new float[blocks][][];
    wk = new float[blocks][][];
    wv = new float[blocks][][];
    wo = new float[blocks][][];
    w1 = new float[blocks][][];
    w2 = new float[blocks][][];
    b1 = new float[blocks][];
    b2 = new float[blocks][];
    ln1g = new float[blocks][];
    ln1b = new float[blocks][];
    ln2g = new float[blocks][];
    ln2b = new float[blocks][];
    for (int b = 0; b < blocks; b++) {
      String p = "b" + b + "_";
      wq[b] = matrix(w, p + "wq", d, d);
      wk[b] = matrix(w, p + "wk", d, d);
      wv[b] = matrix(w, p + "wv", d, d);
      wo[b] = matrix(w, p + "wo", d, d);
      w1[b] = matrix(w, p + "w1", d, d);
      w2[b] = matrix(w, p + "w2", d, d);
      b1[b] = vector(w, p + "b1", d);
      b2[b] = vector(w, p + "b2", d);
      ln1g[b] = vector(w, p + "ln1_g", d);
      ln1b[b] = vector(w, p + "ln1_b", d);
      ln2g[b] = vector(w, p + "ln2_g", d);
      ln2b[b] = vector(w, p + "ln2_b", d);
    }
    lnfg = vector(w, "lnf_g", d);
    lnfb = vector(w, "lnf_b", d);
  }

  /**
   * Reads and checks a model file.
   *
   * @throws IOException naming the file and what is wrong with it
   */
  public static SeqRecScorer load(Path file) throws IOException {
    SeqRecFile f = SeqRecFile.read(file);
    try {
      return new SeqRecScorer(f);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " is corrupt: " + e.getMessage(), e);
    }
  }

  /** The items scored, in the order of the score arrays. */
  public List<String> itemIds() {
    return itemIds;
  }

  /** The position of {@code itemId} in {@link #itemIds()}, or -1 if the model does not know it. */
  public int indexOf(String itemId) {
    Integer i = index.get(itemId);
    return i == null ? -1 : i;
  }

  /** How the model was trained (from its file). */
  public String trainedWith() {
    return trainedWith;
  }

  /**
   * Next-item scores (logits: higher = more likely) for every item of {@link #itemIds()}, after a
   * history of item ids given oldest first. Items the model does not know are skipped; an empty (or
   * all-unknown) history scores every item 0.
   */
  public float[] score(List<String> history) {
    int[] known = new int[history.size()];
    int k = 0;
    for (String h : history) {
      Integer i = index.get(h);
      if (i != null) {
        known[k++] = i;
      }
    }
    if (k == 0) {
      return new float[itemIds.size()];
    }
    return score(java.util.Arrays.copyOf(known, k));
  }

  private static float[][] matrix(Map<String, SeqRecFile.Tensor> w, String name, int r, int c) {
    SeqRecFile.Tensor t = w.get(name);
    if (t == null || t.shape().length != 2 || t.shape()[0] != r || t.shape()[1] != c) {
      throw new IllegalArgumentException(
          "weight "
              + name
              + (t == null ? " is missing" : " has shape " + java.util.Arrays.toString(t.shape()))
              + ", expected ["
              + r
              + ", "
              + c
              + "]");
    }
    return t.matrix();
  }

  private static float[] vector(Map<String, SeqRecFile.Tensor> w, String name, int n) {
    SeqRecFile.Tensor t = w.get(name);
    if (t == null || t.data().length != n) {
      throw new IllegalArgumentException(
          "weight "
              + name
              + (t == null ? " is missing" : " has the wrong size")
              + ", expected "
              + n);
    }
    return t.data();
  }

  /**
   * Scores of every item (index order) after {@code history} (item indices into {@link #itemIds()},
   * oldest first, non-empty).
   */
  public float[] score(int[] history) {
    int from = Math.max(0, history.length - maxLength);
    int t = history.length - from;
    float[][] x = new float[t][d];
    for (int i = 0; i < t; i++) {
      float[] e = emb[history[from + i] + 1];
      for (int k = 0; k < d; k++) {
        x[i][k] = e[k] + pos[i][k];
      }
    }
    float scale = (float) (1 / Math.sqrt(d));
    for (int b = 0; b < blocks; b++) {
      float[][] h = new float[t][];
      for (int i = 0; i < t; i++) {
        h[i] = layerNorm(x[i], ln1g[b], ln1b[b]);
      }
      float[][] q = times(h, wq[b]);
      float[][] k = times(h, wk[b]);
      float[][] v = times(h, wv[b]);
      float[][] o = new float[t][d];
      for (int i = 0; i < t; i++) {
        double[] a = new double[i + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j <= i; j++) {
          a[j] = dot(q[i], k[j]) * scale;
          max = Math.max(max, a[j]);
        }
        double sum = 0;
        for (int j = 0; j <= i; j++) {
          a[j] = Math.exp(a[j] - max);
          sum += a[j];
        }
        for (int j = 0; j <= i; j++) {
          float p = (float) (a[j] / sum);
          for (int c = 0; c < d; c++) {
            o[i][c] += p * v[j][c];
          }
        }
      }
      float[][] proj = times(o, wo[b]);
      for (int i = 0; i < t; i++) {
        for (int c = 0; c < d; c++) {
          x[i][c] += proj[i][c];
        }
      }
      for (int i = 0; i < t; i++) {
        float[] f = times(layerNorm(x[i], ln2g[b], ln2b[b]), w1[b]);
        for (int c = 0; c < d; c++) {
          f[c] = Math.max(0, f[c] + b1[b][c]);
        }
        float[] g = times(f, w2[b]);
        for (int c = 0; c < d; c++) {
          x[i][c] += g[c] + b2[b][c];
        }
      }
    }
    float[] hidden = layerNorm(x[t - 1], lnfg, lnfb);
    float[] out = new float[emb.length - 1];
    for (int c = 0; c < out.length; c++) {
      out[c] = (float) dot(hidden, emb[c + 1]);
    }
    return out;
  }

  private float[] layerNorm(float[] x, float[] g, float[] b) {
    double mean = 0;
    for (float f : x) {
      mean += f;
    }
    mean /= d;
    double var = 0;
    for (float f : x) {
      var += (f - mean) * (f - mean);
    }
    var /= d;
    double inv = 1 / Math.sqrt(var + LN_EPS);
    float[] y = new float[d];
    for (int k = 0; k < d; k++) {
      y[k] = (float) ((x[k] - mean) * inv) * g[k] + b[k];
    }
    return y;
  }

  private static float[][] times(float[][] a, float[][] w) {
    float[][] r = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      r[i] = times(a[i], w);
    }
    return r;
  }

  /** Row vector times matrix: {@code r[j] = sum_i a[i] * w[i][j]}. */
  private static float[] times(float[] a, float[][] w) {
    float[] r = new float[w[0].length];
    for (int i = 0; i < a.length; i++) {
      float ai = a[i];
      float[] wi = w[i];
      for (int j = 0; j < r.length; j++) {
        r[j] += ai * wi[j];
      }
    }
    return r;
  }

  private static double dot(float[] a, float[] b) {
    double r = 0;
    for (int i = 0; i < a.length; i++) {
      r += a[i] * b[i];
    }
    return r;
  }
}
