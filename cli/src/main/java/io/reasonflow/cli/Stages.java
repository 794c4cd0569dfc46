package io.reasonflow.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints "[2/4] building the index" when a stage starts and its duration and outcome when it ends, so a long
 * pipeline always says where it is.
 */
final class Stages {
  private final PrintWriter out;
  private final int total;
  private final long started = System.nanoTime();
  private int current;
  private long stageStart;

  Stages(PrintWriter out, int total) {
    this.out = out;
    this.total = total;
  }

  void start(String what) {
    current++;
    stageStart = System.nanoTime();
    out.printf(Locale.ROOT, "[%d/%d] %s%n", current, total, what);
    out.flush();
  }

  void done(String outcome) {
    out.printf(Locale.ROOT, "      done in %s: %s%n", seconds(stageStart), outcome);
    out.flush();
  }

  String totalTime() {
    return seconds(started);
  }

  private static String seconds(long since) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - since) / 1e9);
  }
}
