package io.reasonflow.index.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress lines for long builds: done/total, rate and time left, at most one line every few seconds, so a
 * million-vector build shows it is alive without flooding a log.
 */
final class Progress {
  private static final long EVERY_NANOS = 5_000_000_000L;

  private final PrintStream out;
  private final String what;
  private final long total;
  private final long start = System.nanoTime();
  private long lastPrint = start;
  private long lastDone = -1;

  Progress(PrintStream out, String what, long total) {
    this.out = out;
    this.what = what;
    this.total = total;
  }

  /** Reports {@code done} of the total if a line is due; thread-safe. */
  synchronized void update(long done) {
    long now = System.nanoTime();
    if (done == lastDone || (now - lastPrint < EVERY_NANOS && done < total)) {
      return;
    }
    lastPrint = now;
    lastDone = done;
    double secs = (now - start) / 1e9;
    double rate = done / Math.max(secs, 1e-9);
    double left = rate > 0 ? (total - done) / rate : Double.NaN;
    out.printf(Locale.ROOT, "  %s: %,d/%,d (%.0f%%) %,.0f/s, %.0fs elapsed, ETA %.0fs%n", what, done, total,
        100.0 * done / total, rate, secs, left);
    out.flush();
  }

  /** A closing line with the whole phase's time. */
  synchronized void done(String phase) {
    out.printf(Locale.ROOT, "  %s: %s in %.1fs%n", what, phase, (System.nanoTime() - start) / 1e9);
    out.flush();
  }
}
