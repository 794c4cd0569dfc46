package io.reasonflow.reasons.explain;

import java.util.Locale;

/** One progress line for a long loop: done/total, rate and time left at that rate. */
public final class ProgressLine {
  private ProgressLine() {}

  /** {@code done} of {@code total} since {@code startMs} ({@link System#currentTimeMillis()}). */
  public static String of(String what, long done, long total, long startMs) {
    double secs = Math.max(1e-3, (System.currentTimeMillis() - startMs) / 1000.0);
    double rate = done / secs;
    return String.format(
        Locale.ROOT,
        "%s: %,d/%,d (%.0f%%) %,.0f/s, ETA %.0fs",
        what,
        done,
        total,
        100.0 * done / Math.max(1, total),
        rate,
        rate > 0 ? (total - done) / rate : 0.0);
  }
}
