package io.reasonflow.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Prints "[2/4] building the index" when a stage starts and its duration and outcome when it ends,
 * so a long pipeline always says where it is.
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

  /**
   * Runs {@code work} with {@code System.err} shown on this console, each line indented under the
   * stage. The jobs report progress on stderr, which the launcher filters through another process:
   * those lines reached the terminal after the stage lines printed later on stdout, so the feature
   * job's summary showed up under the next stage.
   */
  <T> T showingStderr(Supplier<T> work) {
    PrintStream previous = System.err;
    IndentedLines lines = new IndentedLines();
    PrintStream indented = new PrintStream(lines, true, StandardCharsets.UTF_8);
    System.setErr(indented);
    try {
      return work.get();
    } finally {
      indented.flush();
      lines.end();
      System.setErr(previous);
    }
  }

  /**
   * Whole lines to the console, indented; Flink's task threads print from several threads at once.
   */
  private final class IndentedLines extends OutputStream {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        flushLine();
      } else {
        line.write(b);
      }
    }

    /**
     * Nothing: an auto-flushing PrintStream flushes after every piece a {@code printf} writes, and
     * a line must not be cut at its arguments. Whole lines go out at their newline; a last
     * unterminated one at {@link #end}.
     */
    @Override
    public void flush() {}

    synchronized void end() {
      if (line.size() > 0) {
        flushLine();
      }
    }

    private void flushLine() {
      synchronized (out) {
        out.println("      " + line.toString(StandardCharsets.UTF_8));
        out.flush();
      }
      line.reset();
    }
  }

  String totalTime() {
    return seconds(started);
  }

  private static String seconds(long since) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - since) / 1e9);
  }
}
