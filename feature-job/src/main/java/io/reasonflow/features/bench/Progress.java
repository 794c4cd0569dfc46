package io.reasonflow.features.bench;

/** Progress lines for long benchmark steps: done of total, rate, and the time left at that rate. */
final class Progress {
  private Progress() {}

  static String line(String step, long done, long total, long startMs) {
    double s = Math.max(1e-3, (System.currentTimeMillis() - startMs) / 1000.0);
    double rate = done / s;
    double eta = rate > 0 ? (total - done) / rate : Double.NaN;
    return String.format("[bench] %s: %,d / %,d (%.0f%%), %,.0f/s, ETA %.0f s", step, done, total,
        100.0 * done / Math.max(1, total), rate, eta);
  }
}
