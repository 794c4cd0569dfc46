package io.reasonflow.reasons.explain.decoder;

/**
 * The decoder's two matrix products (hidden state times the recurrent weights, and times the output
 * weights), for several sentences at once: {@code acc[b][j] += sum_k x[b][k] * w[k][j]} for {@code
 * b < n}, with {@code w} packed row-major, {@code cols} wide.
 *
 * <p>Every element is the same chain of fused multiply-adds in the same order, {@code acc =
 * fma(x[b][k], w[k][j], acc)} for k = 0, 1, ..., whatever the number of sentences, their grouping,
 * the column tiling or the vector width. A fused multiply-add rounds once and exactly (IEEE 754),
 * so a sentence decoded in a batch gets bit for bit the numbers it gets alone, on the vector path
 * and on the scalar one alike: batching cannot change a word.
 *
 * <p>Why a batch: the output weights are hidden x vocabulary (192 x 5,000 floats, 3.8 MB), too big
 * for the cache, so one sentence at a time reads all of them from memory for every token. Several
 * sentences in lock-step read each weight once for all of them, and the vector path keeps four
 * sentences' partial sums in registers over the whole k loop (a GEMM micro-kernel), so the work is
 * bound by arithmetic rather than by memory.
 */
final class RowProducts {
  private RowProducts() {}

  /**
   * Columns of {@code w} are padded to a multiple of this (zero weights), so the vector kernel has
   * no ragged tail for any vector width up to 1,024 bits.
   */
  static final int COLUMN_ALIGN = 64;

  private static final boolean VECTOR = vectorModule();

  private static boolean vectorModule() {
    if (Boolean.getBoolean("reasonflow.explainer.scalar")) {
      return false;
    }
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /** Whether the vector kernel runs (the JVM has {@code --add-modules=jdk.incubator.vector}). */
  static boolean vectorised() {
    return VECTOR;
  }

  static int padded(int cols) {
    return (cols + COLUMN_ALIGN - 1) / COLUMN_ALIGN * COLUMN_ALIGN;
  }

  /** Adds {@code x[b] . w} to {@code acc[b]} for {@code b < n}: see the class comment. */
  static void multiplyAdd(float[][] x, int n, int depth, float[] w, int cols, float[][] acc) {
    if (VECTOR) {
      VectorRowProducts.multiplyAdd(x, n, depth, w, cols, acc);
    } else {
      scalar(x, n, depth, w, cols, acc);
    }
  }

  /**
   * The first index {@code i < n} with the highest {@code scores[i]} among those not {@code
   * never[i]} (what a scan keeping the first strictly greater value finds); -1 on the scalar path
   * and -2 on the vector path mean "scan instead" (no such index, or a NaN among the scores).
   */
  static int firstMax(float[] scores, boolean[] never, int n) {
    return VECTOR ? VectorRowProducts.firstMax(scores, never, n) : -1;
  }

  /** The reference: the same fma chain per element, one sentence and one weight row at a time. */
  static void scalar(float[][] x, int n, int depth, float[] w, int cols, float[][] acc) {
    for (int b = 0; b < n; b++) {
      float[] xb = x[b];
      float[] ab = acc[b];
      for (int k = 0; k < depth; k++) {
        float xk = xb[k];
        int row = k * cols;
        for (int j = 0; j < cols; j++) {
          ab[j] = Math.fma(xk, w[row + j], ab[j]);
        }
      }
    }
  }
}
