package io.reasonflow.features.core;

/** Small dense-vector helpers. */
public final class Vectors {
  private Vectors() {}

  /** Scales {@code v} to unit length in place; false when it is all zeros (or not finite) and cannot be. */
  public static boolean normalise(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    double norm = Math.sqrt(sum);
    if (!(norm > 0) || !Double.isFinite(norm)) {
      return false;
    }
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] / norm);
    }
    return true;
  }

  public static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }
}
