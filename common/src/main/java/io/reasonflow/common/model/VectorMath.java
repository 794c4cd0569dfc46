package io.reasonflow.common.model;

/**
 * Dense float-vector arithmetic the feature job (normalising trained and profile vectors) and the
 * reason job (similarity in candidates, evidence and verification) share. Sums are in double, so
 * results do not depend on the JVM's vector width.
 */
public final class VectorMath {
  private VectorMath() {}

  /**
   * Scales {@code v} to unit length in place; false when it is all zeros (or not finite) and cannot
   * be.
   */
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

  /** The dot product of two vectors of the same length. */
  public static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  /**
   * Cosine similarity; 0 when either vector is zero or the dimensions differ (vectors of different
   * model versions are not comparable, and "not similar" is the safe answer for a reason).
   */
  public static double cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      return 0;
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
