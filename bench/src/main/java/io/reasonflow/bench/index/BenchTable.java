package io.reasonflow.bench.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The rows of one benchmark run, printable as a table and writable as CSV. */
public final class BenchTable {
  private static final String HEADER =
      "dataset,vectors,dim,engine,ef,build_s,size_mb,recall_at_k,p50_ms,p99_ms,qps";

  private final List<BenchRow> rows = new ArrayList<>();
  private final List<Path> files = new ArrayList<>();

  public synchronized void add(BenchRow row) {
    rows.add(row);
  }

  public synchronized List<BenchRow> rows() {
    return List.copyOf(rows);
  }

  /** Files the run wrote (CSV, plots). */
  public synchronized List<Path> files() {
    return List.copyOf(files);
  }

  synchronized void addFile(Path p) {
    files.add(p);
  }

  /** Fixed-width text table, one row per configuration. */
  public String format() {
    StringBuilder b = new StringBuilder();
    String fmt = "%-18s %9s %4s %-14s %5s %8s %9s %7s %8s %8s %8s%n";
    b.append(
        String.format(
            Locale.ROOT,
            fmt,
            "dataset",
            "vectors",
            "dim",
            "engine",
            "ef",
            "build_s",
            "size_MB",
            "recall",
            "p50_ms",
            "p99_ms",
            "qps"));
    for (BenchRow r : rows()) {
      b.append(
          String.format(
              Locale.ROOT,
              fmt,
              r.dataset(),
              r.vectors(),
              r.dim(),
              r.engine(),
              r.ef() == 0 ? "-" : Integer.toString(r.ef()),
              String.format(Locale.ROOT, "%.1f", r.buildSeconds()),
              String.format(Locale.ROOT, "%.1f", r.sizeBytes() / 1e6),
              String.format(Locale.ROOT, "%.4f", r.recall()),
              String.format(Locale.ROOT, "%.3f", r.p50Micros() / 1e3),
              String.format(Locale.ROOT, "%.3f", r.p99Micros() / 1e3),
              String.format(Locale.ROOT, "%.0f", r.qps())));
    }
    return b.toString();
  }

  public void writeCsv(Path file) {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    for (BenchRow r : rows()) {
      b.append(
          String.format(
              Locale.ROOT,
              "%s,%d,%d,%s,%d,%.2f,%.3f,%.5f,%.4f,%.4f,%.1f%n",
              r.dataset(),
              r.vectors(),
              r.dim(),
              r.engine(),
              r.ef(),
              r.buildSeconds(),
              r.sizeBytes() / 1e6,
              r.recall(),
              r.p50Micros() / 1e3,
              r.p99Micros() / 1e3,
              r.qps()));
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, b, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
    addFile(file);
  }
}
