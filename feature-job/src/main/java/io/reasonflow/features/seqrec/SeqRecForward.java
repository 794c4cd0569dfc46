package io.reasonflow.features.seqrec;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The model's forward pass for one history in plain Java, over a copy of the weights: what serving
 * calls per shopper. A SameDiff call costs tens of milliseconds of per-op overhead whatever the
 * size; this costs the arithmetic (about 1.5 MFLOP on Beauty: the attention blocks over at most
 * {@code maxLength} positions, then one dot product per item), and is thread-safe. {@code
 * SeqRecTrainerTest} checks it against the graph.
 *
 * <p>Mirrors {@link SeqRecNetwork#build} exactly: pre-norm blocks, single-head causal attention,
 * ReLU feed-forward, a final layer norm, scores = hidden . item embedding.
 */
final class SeqRecForward {
  /** ND4J's layer_norm standardises with this epsilon. */
  private static final double LN_EPS = 1e-5;

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

  SeqRecForward(Map<String, INDArray> w, SeqRecSettings s) {
    d = s.dim();
    blocks = s.blocks();
    maxLength = s.maxLength();
    emb = w.get(SeqRecModel.EMB).toFloatMatrix();
    pos = w.get("posEmb").toFloatMatrix();
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
      wq[b] = w.get(p + "wq").toFloatMatrix();
      wk[b] = w.get(p + "wk").toFloatMatrix();
      wv[b] = w.get(p + "wv").toFloatMatrix();
      wo[b] = w.get(p + "wo").toFloatMatrix();
      w1[b] = w.get(p + "w1").toFloatMatrix();
      w2[b] = w.get(p + "w2").toFloatMatrix();
      b1[b] = w.get(p + "b1").toFloatVector();
      b2[b] = w.get(p + "b2").toFloatVector();
      ln1g[b] = w.get(p + "ln1_g").toFloatVector();
      ln1b[b] = w.get(p + "ln1_b").toFloatVector();
      ln2g[b] = w.get(p + "ln2_g").toFloatVector();
      ln2b[b] = w.get(p + "ln2_b").toFloatVector();
    }
    lnfg = w.get("lnf_g").toFloatVector();
    lnfb = w.get("lnf_b").toFloatVector();
  }

  /**
   * Scores of every item (index order) after {@code history} (item indices, oldest first,
   * non-empty).
   */
  float[] score(int[] history) {
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
