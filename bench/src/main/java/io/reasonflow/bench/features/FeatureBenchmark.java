package io.reasonflow.bench.features;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.config.EventSchemas;
import io.reasonflow.common.io.EventFileReader;
import io.reasonflow.common.io.EventSchema;
import io.reasonflow.common.model.Event;
import io.reasonflow.common.model.VectorMath;
import io.reasonflow.common.synthetic.SyntheticEvents;
import io.reasonflow.features.FeatureJob;
import io.reasonflow.features.FeatureRunSummary;
import io.reasonflow.features.core.FeatureSettings;
import io.reasonflow.features.core.Item2Vec;
import io.reasonflow.features.core.UserHistory;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reasonflow bench features}: the feature job's throughput on this machine, printed as a
 * table.
 *
 * <ol>
 *   <li>(a) Streaming path (parse, watermark, session, co-view pairs, user vector) through Flink
 *       with heap state, next to a plain single-threaded Java loop doing the same work on the same
 *       events in the same run; each is run twice and the faster run counts (the first pays for JIT
 *       and class loading). Both must count the same co-view pair updates, or the comparison is
 *       void.
 *   <li>(b) item2vec training on the Beauty corpus (when the data is given): tokens per second
 *       (corpus tokens times epochs over the fit's wall time) and the CPU it kept busy.
 *   <li>(c) The backfill ({@link FeatureJob#runBatch}) on N synthetic events ({@link
 *       SyntheticEvents}): wall time, events per second, peak heap (sampled) and peak resident
 *       memory (the kernel's high-water mark, reset first where the kernel allows, so earlier steps
 *       do not count).
 * </ol>
 *
 * Timings on a shared 2-core machine are noisy: compare the ratios measured in one run, not
 * absolute figures across runs.
 */
public final class FeatureBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(FeatureBenchmark.class);

  /**
   * @param events synthetic events for (a) and (c)
   * @param workDir where synthetic data and backfill outputs go
   * @param beautyEvents the Beauty events file for (b), or null to skip it
   * @param streaming run (a)
   * @param backfill run (c)
   */
  public record Options(
      long events,
      Path workDir,
      Path beautyEvents,
      long seed,
      boolean streaming,
      boolean backfill) {}

  /** One line of the table. */
  public record Row(String benchmark, String value, String unit, String note) {}

  private FeatureBenchmark() {}

  public static List<Row> run(Config config, Options o, PrintStream out) {
    FeatureSettings s = FeatureSettings.from(config);
    List<Row> rows = new ArrayList<>();
    SyntheticEvents.Written data = null;
    if (o.streaming() || o.backfill()) {
      data = synthetic(o);
      rows.add(
          new Row(
              "(c) synthetic generator",
              rate(data.events(), data.millis()),
              "events/s",
              String.format(
                  "%,d events, %,d users, %,d items, %d files, %.1f s",
                  data.events(),
                  data.users(),
                  data.items(),
                  data.eventFiles().size(),
                  data.millis() / 1000.0)));
    }
    if (o.streaming()) {
      rows.addAll(streaming(data, EventSchemas.from(config), s, o.seed()));
    }
    if (o.beautyEvents() != null) {
      rows.addAll(item2vec(config, s, o.beautyEvents()));
    }
    if (o.backfill()) {
      rows.addAll(backfill(config, data, o));
    }
    out.print(format(rows));
    return rows;
  }

  public static String format(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    String f = "%-44s %14s %-10s %s%n";
    sb.append(String.format(f, "benchmark", "value", "unit", "note"));
    for (Row r : rows) {
      sb.append(String.format(f, r.benchmark(), r.value(), r.unit(), r.note()));
    }
    return sb.toString();
  }

  private static SyntheticEvents.Written synthetic(Options o) {
    Path dir = o.workDir().resolve("synthetic-" + o.events() + "-" + o.seed());
    log("generating %,d synthetic events under %s", o.events(), dir);
    return SyntheticEvents.write(dir, o.events(), 2, o.seed(), FeatureBenchmark::log);
  }

  private static List<Row> streaming(
      SyntheticEvents.Written data, EventSchema schema, FeatureSettings s, long seed) {
    // the streaming path reads item vectors from the index; random unit vectors cost the same to
    // fold in
    Map<String, float[]> vectors = new HashMap<>();
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < data.items(); i++) {
      float[] v = new float[s.dim()];
      for (int k = 0; k < v.length; k++) {
        v[k] = (float) r.nextGaussian();
      }
      VectorMath.normalise(v);
      vectors.put(SyntheticEvents.itemId(i), v);
    }
    StreamingPipeline.Result plain = null;
    StreamingPipeline.Result flink = null;
    long plainCpu = Long.MAX_VALUE;
    long flinkCpu = Long.MAX_VALUE;
    for (int round = 1; round <= 2; round++) {
      log("(a) round %d/2: plain loop", round);
      long cpu = processCpuNanos();
      StreamingPipeline.Result p =
          PlainLoop.run(data.eventFiles(), schema, s, vectors, data.events());
      plainCpu = Math.min(plainCpu, processCpuNanos() - cpu);
      log(
          "(a) plain loop: %,d events in %.1f s (%s events/s)",
          p.events(), p.millis() / 1000.0, rate(p.events(), p.millis()));
      log("(a) round %d/2: flink", round);
      StreamingPipeline.Result f;
      cpu = processCpuNanos();
      try {
        f = StreamingPipeline.run(data.eventFiles(), schema, s, vectors, data.events());
      } catch (Exception e) {
        throw new IllegalStateException("streaming benchmark job failed: " + e.getMessage(), e);
      }
      flinkCpu = Math.min(flinkCpu, processCpuNanos() - cpu);
      log(
          "(a) flink: %,d events in %.1f s (%s events/s)",
          f.events(), f.millis() / 1000.0, rate(f.events(), f.millis()));
      if (f.events() != p.events() || f.pairUpdates() != p.pairUpdates()) {
        throw new IllegalStateException("flink and the plain loop disagree: " + f + " vs " + p);
      }
      plain = plain == null || p.millis() < plain.millis() ? p : plain;
      flink = flink == null || f.millis() < flink.millis() ? f : flink;
    }
    double ratio = (double) plain.millis() / flink.millis();
    // On a machine shared with other builds, wall time depends on how much CPU each run was given;
    // events per
    // CPU-second (process CPU time, all threads, GC included) measures the work itself.
    double cpuRatio = (double) plainCpu / Math.max(1, flinkCpu);
    return List.of(
        new Row(
            "(a) streaming, Flink heap state, p=2",
            rate(flink.events(), flink.millis()),
            "events/s",
            String.format(
                "%,d events in %.1f s incl. job start; %,d pair updates; %,d behind watermark",
                flink.events(), flink.millis() / 1000.0, flink.pairUpdates(), flink.lateEvents())),
        new Row(
            "(a) same work, plain Java loop, 1 thread",
            rate(plain.events(), plain.millis()),
            "events/s",
            String.format(
                "%,d events in %.1f s; %,d pair updates (identical)",
                plain.events(), plain.millis() / 1000.0, plain.pairUpdates())),
        new Row(
            "(a) Flink / plain loop, wall time",
            String.format("%.2f", ratio),
            "ratio",
            "best of 2 rounds each, same events, same run"),
        new Row(
            "(a) Flink, per CPU-second",
            rate(flink.events(), flinkCpu / 1_000_000),
            "events/cpu-s",
            String.format("%.1f CPU-s for %.1f s wall", flinkCpu / 1e9, flink.millis() / 1000.0)),
        new Row(
            "(a) plain loop, per CPU-second",
            rate(plain.events(), plainCpu / 1_000_000),
            "events/cpu-s",
            String.format("%.1f CPU-s for %.1f s wall", plainCpu / 1e9, plain.millis() / 1000.0)),
        new Row(
            "(a) Flink / plain loop, CPU efficiency",
            String.format("%.2f", cpuRatio),
            "ratio",
            "plain CPU-s / Flink CPU-s for the same events"));
  }

  private static List<Row> item2vec(Config config, FeatureSettings s, Path beautyEvents) {
    Map<String, List<Event>> byUser = new TreeMap<>();
    new EventFileReader(EventSchemas.from(config))
        .read(
            beautyEvents,
            e -> byUser.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e),
            d -> {});
    List<List<String>> corpus = new ArrayList<>();
    for (Map.Entry<String, List<Event>> u : byUser.entrySet()) {
      corpus.addAll(
          UserHistory.of(u.getKey(), u.getValue(), s.sessionGapMs(), s.sessionMaxItems())
              .sequences(s.sequenceMode()));
    }
    log(
        "(b) item2vec on %s: %,d sequences, dim %d, window %d, %d epochs",
        beautyEvents, corpus.size(), s.dim(), s.window(), s.epochs());
    long cpu0 = processCpuNanos();
    Item2Vec.Result r = Item2Vec.train(corpus, s, line -> log("(b) %s", line));
    double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
    long trained = r.tokens() * s.epochs();
    return List.of(
        new Row(
            "(b) item2vec training (DL4J skip-gram)",
            rate(trained, r.epochMillis()),
            "tokens/s",
            String.format(
                "%,d tokens x %d epochs in %.1f s; %.2f of 2 cores busy",
                r.tokens(),
                s.epochs(),
                r.epochMillis() / 1000.0,
                cpuSeconds / Math.max(1e-3, r.trainMillis() / 1000.0))),
        new Row(
            "(b) item2vec, whole Beauty corpus",
            String.format("%.1f", r.trainMillis() / 1000.0),
            "s",
            String.format(
                "%,d item vectors; vocabulary %.1f s + epochs %.1f s",
                r.vectors().size(), r.vocabMillis() / 1000.0, r.epochMillis() / 1000.0)));
  }

  private static List<Row> backfill(Config config, SyntheticEvents.Written data, Options o) {
    Path out = o.workDir().resolve("backfill-" + data.events());
    boolean hwmReset = resetPeakRss();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long[] peakHeap = {memory.getHeapMemoryUsage().getUsed()};
    Thread sampler =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    peakHeap[0] = Math.max(peakHeap[0], memory.getHeapMemoryUsage().getUsed());
                    try {
                      Thread.sleep(100);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    log("(c) backfill of %,d synthetic events -> %s", data.events(), out);
    long start = System.currentTimeMillis();
    // a benchmark is a command, not job code: like the CLI's LocalFlink, a local BATCH environment,
    // one slot a core
    org.apache.flink.configuration.Configuration batch =
        new org.apache.flink.configuration.Configuration();
    batch.set(
        org.apache.flink.configuration.ExecutionOptions.RUNTIME_MODE,
        org.apache.flink.api.common.RuntimeExecutionMode.BATCH);
    FeatureRunSummary summary =
        new FeatureJob(config)
            .runBatch(
                org.apache.flink.streaming.api.environment.StreamExecutionEnvironment
                    .createLocalEnvironment(Runtime.getRuntime().availableProcessors(), batch),
                data.eventFiles().getFirst().getParent(),
                data.catalogue(),
                out);
    long millis = System.currentTimeMillis() - start;
    sampler.interrupt();
    long rss = peakRssBytes();
    return List.of(
        new Row(
            "(c) backfill on synthetic events",
            rate(data.events(), millis),
            "events/s",
            String.format(
                "%,d events in %.1f s (item2vec %.1f s); %,d users, %,d items written",
                data.events(),
                millis / 1000.0,
                summary.trainMillis() / 1000.0,
                summary.users(),
                summary.items())),
        new Row(
            "(c) backfill peak heap (sampled)",
            String.format("%,d", peakHeap[0] >> 20),
            "MiB",
            "max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB"),
        new Row(
            "(c) backfill peak resident memory",
            rss < 0 ? "n/a" : String.format("%,d", rss >> 20),
            "MiB",
            hwmReset
                ? "process high-water mark, reset before the backfill (incl. DL4J off-heap)"
                : "process high-water mark since start (could not reset; includes earlier steps)"));
  }

  /**
   * Resets the kernel's peak-RSS mark (VmHWM) for this process; false where that is not allowed.
   */
  private static boolean resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static long peakRssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static String rate(long count, long millis) {
    return String.format("%,.0f", count * 1000.0 / Math.max(1, millis));
  }

  private static void log(String format, Object... args) {
    LOG.info(String.format(format, args));
  }

  /**
   * Command line for running without the cli: {@code FeatureBenchmark EVENTS WORKDIR
   * [BEAUTY_EVENTS|-] [STEPS]}, STEPS a subset of {@code abc} (default all; b needs the Beauty
   * file).
   */
  public static void main(String[] args) {
    if (args.length < 2) {
      throw new IllegalArgumentException(
          "usage: FeatureBenchmark EVENTS WORKDIR [BEAUTY_EVENTS_FILE|-] [abc]");
    }
    String steps = args.length > 3 ? args[3] : "abc";
    Path beauty =
        args.length > 2 && !args[2].equals("-") && steps.contains("b") ? Path.of(args[2]) : null;
    Options o =
        new Options(
            Long.parseLong(args[0].replace("_", "")),
            Path.of(args[1]),
            beauty,
            42,
            steps.contains("a"),
            steps.contains("c"));
    run(Config.defaults(), o, System.out);
  }
}
