package io.reasonflow.bench.index;

import io.reasonflow.index.IndexIntegrity;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.index.search.ItemSearcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What verifying an index version's checksums ({@link IndexIntegrity}) costs the service at
 * start-up and at each version switch, next to two same-run baselines: opening the index (what
 * serving paid before) and reading every byte of it (the floor a checksum cannot beat). Synthetic
 * clustered items of the benchmark's usual shape, merged to one segment; the page cache is warm
 * (the index was just written), as it is when a version is published on the machine that serves it.
 * Each figure is the median of {@link #REPEATS} runs.
 */
public final class IntegrityBenchmark {
  static final int REPEATS = 5;
  static final int DIM = 64;

  private IntegrityBenchmark() {}

  public static String run(List<Integer> sizes, Path work, PrintStream out) throws Exception {
    StringBuilder table =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-10s %9s %9s %9s %9s %9s %10s%n",
                "items",
                "size_MB",
                "files",
                "open_ms",
                "read_ms",
                "verify_ms",
                "verify_MB/s"));
    for (int n : sizes) {
      BenchData data = BenchData.synthetic(n, DIM, 1, 42 + n);
      LuceneEngine engine =
          new LuceneEngine(IndexSettings.DEFAULT, Runtime.getRuntime().availableProcessors());
      Path dir = work.resolve("integrity-" + BenchData.count(n));
      if (Files.exists(dir)) {
        LuceneEngine.deleteTree(dir);
      }
      engine.build(data, dir, out);
      Path index = dir.resolve(engine.name());
      long[] open = new long[REPEATS];
      long[] read = new long[REPEATS];
      long[] verify = new long[REPEATS];
      IndexIntegrity.Report report = null;
      for (int r = 0; r < REPEATS; r++) {
        long t = System.nanoTime();
        ItemSearcher.open(index).close();
        open[r] = System.nanoTime() - t;
        t = System.nanoTime();
        readAll(index);
        read[r] = System.nanoTime() - t;
        t = System.nanoTime();
        report = IndexIntegrity.verify(index);
        verify[r] = System.nanoTime() - t;
      }
      double verifyMs = median(verify) / 1e6;
      String row =
          String.format(
              Locale.ROOT,
              "%-10s %9.1f %9d %9.1f %9.1f %9.1f %10.0f%n",
              BenchData.count(n),
              report.bytes() / 1e6,
              report.files(),
              median(open) / 1e6,
              median(read) / 1e6,
              verifyMs,
              report.bytes() / 1e6 / (verifyMs / 1e3));
      out.print(
          "  " + row); // each row as soon as it is measured: a large size takes a while to build
      table.append(row);
      engine.close(); // and deletes the index
    }
    return table.toString();
  }

  private static void readAll(Path dir) throws IOException {
    byte[] buf = new byte[1 << 16];
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          while (in.read(buf) >= 0) {
            // the bytes only need to pass by
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private static double median(long[] v) {
    long[] s = v.clone();
    java.util.Arrays.sort(s);
    return s[s.length / 2];
  }
}
