package io.reasonflow.reasons.explain.decoder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowProducts} on the JDK's vector API: a micro-kernel of 4 sentences x 2 vectors of columns
 * whose 8 accumulators stay in registers for the whole k loop. Loaded only when the JVM has the
 * incubator module (the launcher and the tests add it), so nothing else depends on it.
 *
 * <p>The micro-kernel is its own small method: written inline in the loops, C2 did not keep the
 * eight vectors in registers and ran about 100 times slower (measured).
 */
final class VectorRowProducts {
  private VectorRowProducts() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /**
   * Columns per tile: a tile of the output weights (depth x 512 floats, 384 KB at depth 192) stays
   * in the core's L2 cache while every group of sentences passes over it.
   */
  private static final int TILE = Math.max(512, 2 * L);

  static void multiplyAdd(float[][] x, int n, int depth, float[] w, int cols, float[][] acc) {
    int wide = cols - cols % (2 * L);
    for (int t0 = 0; t0 < wide; t0 += TILE) {
      int t1 = Math.min(wide, t0 + TILE);
      int b = 0;
      for (; b + 4 <= n; b += 4) {
        for (int j = t0; j < t1; j += 2 * L) {
          four(
              x[b],
              x[b + 1],
              x[b + 2],
              x[b + 3],
              depth,
              w,
              cols,
              j,
              acc[b],
              acc[b + 1],
              acc[b + 2],
              acc[b + 3]);
        }
      }
      for (; b < n; b++) {
        for (int j = t0; j < t1; j += 2 * L) {
          one(x[b], depth, w, cols, j, acc[b]);
        }
      }
    }
    if (wide < cols) {
      // a ragged tail (columns not padded to the vector width): the same chain, scalar
      for (int b = 0; b < n; b++) {
        for (int j = wide; j < cols; j++) {
          float a = acc[b][j];
          for (int k = 0; k < depth; k++) {
            a = Math.fma(x[b][k], w[k * cols + j], a);
          }
          acc[b][j] = a;
        }
      }
    }
  }

  private static void four(
      float[] x0,
      float[] x1,
      float[] x2,
      float[] x3,
      int depth,
      float[] w,
      int cols,
      int j,
      float[] o0,
      float[] o1,
      float[] o2,
      float[] o3) {
    FloatVector a00 = FloatVector.fromArray(S, o0, j);
    FloatVector a01 = FloatVector.fromArray(S, o0, j + L);
    FloatVector a10 = FloatVector.fromArray(S, o1, j);
    FloatVector a11 = FloatVector.fromArray(S, o1, j + L);
    FloatVector a20 = FloatVector.fromArray(S, o2, j);
    FloatVector a21 = FloatVector.fromArray(S, o2, j + L);
    FloatVector a30 = FloatVector.fromArray(S, o3, j);
    FloatVector a31 = FloatVector.fromArray(S, o3, j + L);
    for (int k = 0, r = j; k < depth; k++, r += cols) {
      FloatVector w0 = FloatVector.fromArray(S, w, r);
      FloatVector w1 = FloatVector.fromArray(S, w, r + L);
      FloatVector v = FloatVector.broadcast(S, x0[k]);
      a00 = v.fma(w0, a00);
      a01 = v.fma(w1, a01);
      v = FloatVector.broadcast(S, x1[k]);
      a10 = v.fma(w0, a10);
      a11 = v.fma(w1, a11);
      v = FloatVector.broadcast(S, x2[k]);
      a20 = v.fma(w0, a20);
      a21 = v.fma(w1, a21);
      v = FloatVector.broadcast(S, x3[k]);
      a30 = v.fma(w0, a30);
      a31 = v.fma(w1, a31);
    }
    a00.intoArray(o0, j);
    a01.intoArray(o0, j + L);
    a10.intoArray(o1, j);
    a11.intoArray(o1, j + L);
    a20.intoArray(o2, j);
    a21.intoArray(o2, j + L);
    a30.intoArray(o3, j);
    a31.intoArray(o3, j + L);
  }

  /** See {@link RowProducts#firstMax}. */
  static int firstMax(float[] scores, boolean[] never, int n) {
    int wide = n - n % L;
    FloatVector max = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < wide; i += L) {
      VectorMask<Float> allowed = VectorMask.fromArray(S, never, i).not();
      max = max.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, scores, i), allowed);
    }
    float m = max.reduceLanes(VectorOperators.MAX);
    for (int i = wide; i < n; i++) {
      if (!never[i] && scores[i] > m) {
        m = scores[i];
      }
    }
    if (Float.isNaN(m) || m == Float.NEGATIVE_INFINITY) {
      return -2;
    }
    for (int i = 0; i < wide; i += L) {
      VectorMask<Float> hit =
          FloatVector.fromArray(S, scores, i)
              .compare(VectorOperators.EQ, m)
              .andNot(VectorMask.fromArray(S, never, i));
      if (hit.anyTrue()) {
        return i + hit.firstTrue();
      }
    }
    for (int i = wide; i < n; i++) {
      if (!never[i] && scores[i] == m) {
        return i;
      }
    }
    return -2;
  }

  private static void one(float[] x0, int depth, float[] w, int cols, int j, float[] o0) {
    FloatVector a00 = FloatVector.fromArray(S, o0, j);
    FloatVector a01 = FloatVector.fromArray(S, o0, j + L);
    for (int k = 0, r = j; k < depth; k++, r += cols) {
      FloatVector v = FloatVector.broadcast(S, x0[k]);
      a00 = v.fma(FloatVector.fromArray(S, w, r), a00);
      a01 = v.fma(FloatVector.fromArray(S, w, r + L), a01);
    }
    a00.intoArray(o0, j);
    a01.intoArray(o0, j + L);
  }
}
