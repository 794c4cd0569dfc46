package io.reasonflow.reasons.evidence;

/** Vector arithmetic evidence and candidate scoring share. */
public final class Vectors {
  private Vectors() {}

  /**
   * Cosine similarity; 0 when either vector is zero or the dimensions differ (vectors of different model versions
   * are not comparable, and "not similar" is the safe answer for a reason).
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
