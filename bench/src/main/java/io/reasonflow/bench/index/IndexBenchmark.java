package io.reasonflow.bench.index;

import io.reasonflow.index.IndexSettings;
import io.reasonflow.index.VectorFormat;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code reasonflow bench index}: for each dataset, builds the item index in every vector format
 * and the peer library's index on the same vectors, and measures build time, size on disk, recall@k
 * against exact brute force and single-thread latency (p50, p99) and QPS over a sweep of query beam
 * widths; exact brute force itself is a row too. Prints a table, writes {@code index-bench.csv} and
 * one recall-versus-latency PNG per dataset.
 *
 * <p>A benchmark, not a test: it asserts nothing. Everything is seeded, so runs differ only by
 * machine noise. Query timing is single-threaded on purpose (it is the latency one request sees);
 * builds use every core. Run on a quiet machine: other processes' load shows up in the percentiles.
 */
public final class IndexBenchmark {
  /** Queries run before timing each configuration, so the JIT and page cache are warm. */
  private static final int WARMUP = 300;

  /**
   * Untimed queries (at most, and at most this long) run on a freshly built engine before its
   * sweep.
   */
  private static final int WARMUP_ENGINE_QUERIES = 3000;

  private static final long WARMUP_ENGINE_NANOS = 15_000_000_000L;

  /**
   * Brute force is timed on at most this many queries: its latency hardly varies and it is slow at
   * 1M.
   */
  private static final int BRUTE_FORCE_QUERIES = 200;

  static final double TARGET_RECALL = 0.95;
  static final double TARGET_P50_MICROS = 1000;

  private IndexBenchmark() {}

  public static BenchTable run(BenchOptions o) {
    return run(o, System.out);
  }

  public static BenchTable run(BenchOptions o, PrintStream out) {
    BenchTable table = new BenchTable();
    Path work = o.outputDir().resolve("work");
    int threads = Runtime.getRuntime().availableProcessors();
    try {
      Files.createDirectories(work);
      List<BenchData> datasets = new ArrayList<>();
      if (o.itemsFile() != null) {
        datasets.add(BenchData.fromItems(o.itemsFile(), o.tileTo(), o.queries(), o.seed()));
      }
      for (int n : o.syntheticSizes()) {
        datasets.add(BenchData.synthetic(n, o.dim(), o.queries(), o.seed() + n));
      }
      for (int i = 0; i < datasets.size(); i++) {
        BenchData d = datasets.get(i);
        datasets.set(i, null); // let a finished million-vector dataset be collected before the next
        runDataset(d, o, threads, work, table, out);
        table.writeCsv(o.outputDir().resolve("index-bench.csv"));
        Path png = o.outputDir().resolve("recall-vs-latency-" + d.name() + ".png");
        RecallPlot.write(table.rows(), d.name(), o.k(), png);
        table.addFile(png);
      }
      LuceneEngine.deleteTree(work);
    } catch (Exception e) {
      throw e instanceof RuntimeException r ? r : new IllegalStateException("benchmark failed", e);
    }
    out.println();
    out.print(table.format());
    verdicts(table, o.k(), out);
    table.files().stream().distinct().forEach(f -> out.println("wrote " + f));
    return table;
  }

  private static void runDataset(
      BenchData d, BenchOptions o, int threads, Path work, BenchTable table, PrintStream out)
      throws Exception {
    out.printf(
        Locale.ROOT,
        "%n== %s: %,d vectors x %d, %,d queries, k=%d%n",
        d.name(),
        d.vectors().length,
        d.dim(),
        d.queries().length,
        o.k());
    long t0 = System.nanoTime();
    int[][] truth = GroundTruth.exact(d.vectors(), d.queries(), o.k());
    out.printf(
        Locale.ROOT,
        "  exact top-%d of every query by brute force on %d threads: %.1fs%n",
        o.k(),
        threads,
        (System.nanoTime() - t0) / 1e9);
    List<Engine> engines = new ArrayList<>();
    engines.add(new BruteForceEngine());
    for (VectorFormat f : o.formats()) {
      engines.add(new LuceneEngine(new IndexSettings(f, o.maxConn(), o.beamWidth(), 3.0), threads));
    }
    if (o.peer()) {
      engines.add(new HnswlibEngine(o.maxConn(), o.beamWidth(), threads));
    }
    for (Engine e : engines) {
      try (e) {
        e.build(d, work, out);
        warmUp(d, e, o.k(), o.efSweep().get(o.efSweep().size() / 2));
        if (!e.approximate()) {
          table.add(
              measure(
                  d, e, truth, o.k(), 0, Math.min(BRUTE_FORCE_QUERIES, d.queries().length), out));
          continue;
        }
        for (int ef : o.efSweep()) {
          table.add(measure(d, e, truth, o.k(), ef, d.queries().length, out));
        }
      }
    }
  }

  /**
   * Runs queries untimed until the JIT has compiled the engine's search path (bounded by count and
   * time), so the first configuration of the sweep is not measured cold.
   */
  private static void warmUp(BenchData d, Engine e, int k, int ef) {
    long until = System.nanoTime() + WARMUP_ENGINE_NANOS;
    float[][] q = d.queries();
    int n = Math.min(WARMUP_ENGINE_QUERIES, 5 * q.length);
    for (int i = 0; i < n && System.nanoTime() < until; i++) {
      e.search(q[i % q.length], k, ef);
    }
  }

  /**
   * Times {@code n} queries one after the other, after a warm-up, and scores them against the exact
   * answers.
   */
  static BenchRow measure(
      BenchData d, Engine e, int[][] truth, int k, int ef, int n, PrintStream out) {
    float[][] q = d.queries();
    for (int i = 0; i < Math.min(WARMUP, n); i++) {
      e.search(q[i], k, ef);
    }
    long[] nanos = new long[n];
    double recall = 0;
    long total = 0;
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      int[] ids = e.search(q[i], k, ef);
      nanos[i] = System.nanoTime() - start;
      total += nanos[i];
      recall += GroundTruth.recall(ids, truth[i]);
    }
    Arrays.sort(nanos);
    BenchRow r =
        new BenchRow(
            d.name(),
            d.vectors().length,
            d.dim(),
            e.name(),
            ef,
            e.buildSeconds(),
            e.sizeBytes(),
            recall / n,
            nanos[n / 2] / 1e3,
            nanos[Math.max(0, (int) Math.ceil(0.99 * n) - 1)] / 1e3,
            n / (total / 1e9));
    out.printf(
        Locale.ROOT,
        "  %-14s ef=%-4d recall@%d=%.4f p50=%.3fms p99=%.3fms qps=%.0f%n",
        r.engine(),
        ef,
        k,
        r.recall(),
        r.p50Micros() / 1e3,
        r.p99Micros() / 1e3,
        r.qps());
    return r;
  }

  /**
   * Per dataset and engine, the fastest configuration that reaches the recall target, and whether
   * it meets p50.
   */
  private static void verdicts(BenchTable table, int k, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%ntarget: recall@%d >= %.2f at single-thread p50 <= %.1f ms%n",
        k,
        TARGET_RECALL,
        TARGET_P50_MICROS / 1e3);
    table.rows().stream()
        .map(r -> r.dataset() + "\u0000" + r.engine())
        .distinct()
        .forEach(
            key -> {
              String[] de = key.split("\u0000");
              table.rows().stream()
                  .filter(
                      r ->
                          r.dataset().equals(de[0])
                              && r.engine().equals(de[1])
                              && r.recall() >= TARGET_RECALL)
                  .min((a, b) -> Double.compare(a.p50Micros(), b.p50Micros()))
                  .ifPresentOrElse(
                      r ->
                          out.printf(
                              Locale.ROOT,
                              "  %-18s %-14s ef=%-4d recall=%.4f p50=%.3fms %s%n",
                              de[0],
                              de[1],
                              r.ef(),
                              r.recall(),
                              r.p50Micros() / 1e3,
                              r.p50Micros() <= TARGET_P50_MICROS ? "MEETS" : "too slow"),
                      () ->
                          out.printf(
                              Locale.ROOT,
                              "  %-18s %-14s never reaches recall %.2f in this sweep%n",
                              de[0],
                              de[1],
                              TARGET_RECALL));
            });
  }

  /**
   * {@code IndexBenchmark [--items FILE] [--tile N] [--sizes 100000,1000000] [--formats
   * HNSW,INT8,INT4,BIN1] [--ef 10,32,64,100] [--queries N] [--dim D] [--no-peer] [--out DIR]
   * [--seed S]}; with no dataset option it measures synthetic 100k.
   */
  public static void main(String[] args) {
    BenchOptions o = BenchOptions.defaults(Path.of("target", "bench", "index"));
    Path items = null;
    int tile = 0;
    boolean sizesGiven = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--items" -> items = Path.of(args[++i]);
        case "--tile" -> tile = Integer.parseInt(args[++i]);
        case "--sizes" -> {
          sizesGiven = true;
          o =
              o.withSyntheticSizes(
                  args[++i].isBlank() || args[i].equals("none") ? List.of() : ints(args[i]));
        }
        case "--formats" ->
            o =
                o.withFormats(
                    Arrays.stream(args[++i].split(","))
                        .map(s -> VectorFormat.valueOf(s.strip().toUpperCase(Locale.ROOT)))
                        .toList());
        case "--ef" -> o = o.withEfSweep(ints(args[++i]));
        case "--queries" -> o = o.withQueries(Integer.parseInt(args[++i]));
        case "--no-peer" -> o = o.withPeer(false);
        case "--out" -> o = o.withOutputDir(Path.of(args[++i]));
        case "--dim" -> o = o.withDim(Integer.parseInt(args[++i]));
        case "--seed" -> o = o.withSeed(Long.parseLong(args[++i]));
        default ->
            throw new IllegalArgumentException("unknown option " + a + " (see the class comment)");
      }
    }
    if (items != null) {
      o = o.withItemsFile(items, tile);
      if (!sizesGiven) {
        o = o.withSyntheticSizes(List.of());
      }
    }
    run(o);
  }

  private static List<Integer> ints(String csv) {
    return Arrays.stream(csv.split(",")).map(String::strip).map(Integer::parseInt).toList();
  }
}
