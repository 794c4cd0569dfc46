package io.reasonflow.common;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress lines for long steps (benchmarks, data set builds, evaluations): done/total, rate and
 * time left at that rate. As an object it paces itself (at most one line every few seconds, so a
 * million-vector build shows it is alive without flooding a log); callers that already report at
 * their own milestones (every million events, a Flink operator) format one line with {@link #line}.
 */
public final class Progress {
  private static final long EVERY_NANOS = 5_000_000_000L;

  private final PrintStream out;
  private final String what;
  private final long total;
  private final long start = System.nanoTime();
  private long lastPrint = start;
  private long lastDone = -1;

  public Progress(PrintStream out, String what, long total) {
    this.out = out;
    this.what = what;
    this.total = total;
  }

  /** Reports {@code done} of the total if a line is due; thread-safe. */
  public synchronized void update(long done) {
    long now = System.nanoTime();
    if (done == lastDone || (now - lastPrint < EVERY_NANOS && done < total)) {
      return;
    }
    lastPrint = now;
    lastDone = done;
    out.println(format(what, done, total, (now - start) / 1e9));
    out.flush();
  }

  /** A closing line with the whole phase's time. */
  public synchronized void done(String phase) {
    out.printf(Locale.ROOT, "  %s: %s in %.1fs%n", what, phase, (System.nanoTime() - start) / 1e9);
    out.flush();
  }

  /**
   * One line for {@code done} of {@code total} since {@code startMs} (a {@link
   * System#currentTimeMillis()}).
   */
  public static String line(String what, long done, long total, long startMs) {
    return format(what, done, total, (System.currentTimeMillis() - startMs) / 1000.0);
  }

  private static String format(String what, long done, long total, double secs) {
    double rate = done / Math.max(secs, 1e-3);
    double left = rate > 0 ? (total - done) / rate : Double.NaN;
    return String.format(
        Locale.ROOT,
        "  %s: %,d/%,d (%.0f%%) %,.0f/s, %.0fs elapsed, ETA %.0fs",
        what,
        done,
        total,
        100.0 * done / Math.max(1, total),
        rate,
        secs,
        left);
  }
}
