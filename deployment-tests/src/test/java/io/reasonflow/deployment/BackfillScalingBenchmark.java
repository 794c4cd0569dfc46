package io.reasonflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.common.synthetic.SyntheticEvents;
import io.reasonflow.reasons.ReasonBatchJob;
import io.reasonflow.testing.flink.FlinkSessionCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 11's scale measurement, a benchmark rather than a test: the synthetic backfill ({@code
 * bench features --steps c}'s generator) submitted as the shaded feature jar to a session cluster
 * of p TaskManagers with one slot each, for each p asked, and then the reason job over a sample of
 * its shoppers. It prints per run the wall time, the speedup over the first p, and per TaskManager
 * its peak heap (the REST metrics, sampled every second), peak resident memory ({@code VmHWM}) and
 * CPU time, and it checks that every run wrote the first run's counts: co-view rows, item shopper
 * counts and neighbours, profiles, as order-free digests (the outputs are too large to sort in one
 * heap at 10M events).
 *
 * <p>Off unless {@code rf.scaling.events} is set; the commands are in docs/scaling.md.
 *
 * <p>Knobs (system properties): {@code rf.scaling.events} (e.g. 10000000), {@code
 * rf.scaling.parallelism} (default 1,2), {@code rf.scaling.files} (event files, default 8: a file
 * is one split), {@code rf.scaling.item2vec} ({@code parallel}, the default: one item2vec worker
 * per slot, or {@code single}: one model), {@code rf.scaling.shoppers} (reason job sample, default
 * 5000), {@code rf.scaling.tm-memory} (TaskManager process size, default 6g), {@code
 * rf.scaling.dir} (where data and outputs go; kept, and the data reused, across runs).
 *
 * <p>{@code rf.scaling.reasons-over} set to a backfill's output instead runs only the reason job
 * over it at each parallelism ({@link #reasonJobOverAnExistingBackfill}), with the same sample,
 * cluster shape and measurements: the reason job's own figures without an hour of backfill first.
 */
class BackfillScalingBenchmark {
  private static final long MIB = 1024 * 1024;

  record Run(
      int parallelism,
      long backfillMillis,
      long jobMillis,
      long item2vecMillis,
      List<TaskManagerUse> taskManagers,
      Digests digests,
      long shoppers,
      long recommendations,
      long reasonMillis) {}

  record TaskManagerUse(
      long pid, long peakHeapBytes, long heapMaxBytes, long hwmBytes, double cpu) {}

  /** Order-free digests of what a backfill wrote: equal digests, equal multisets of rows. */
  record Digests(Digest coViews, Digest items, Digest vectors, Digest profiles) {}

  @Test
  @EnabledIfSystemProperty(named = "rf.scaling.events", matches = "[0-9_]+")
  void backfillAndReasonsAtEachParallelism() throws Exception {
    long events = Long.parseLong(System.getProperty("rf.scaling.events").replace("_", ""));
    List<Integer> parallelisms = parallelisms();
    int files = Integer.getInteger("rf.scaling.files", 8);
    String item2vec = System.getProperty("rf.scaling.item2vec", "parallel");
    int sample = Integer.getInteger("rf.scaling.shoppers", 5000);
    String tmMemory = System.getProperty("rf.scaling.tm-memory", "6g");
    Path dir =
        Path.of(System.getProperty("rf.scaling.dir", "target/scaling"))
            .toAbsolutePath()
            .normalize();
    Path featureJar = StreamingClusterITCase.jar("rf.feature.job.jar", "feature-job");
    Path reasonJar = StreamingClusterITCase.jar("rf.reason.job.jar", "reason-job");

    Path data = dir.resolve("data-" + events);
    SyntheticEvents.Written written;
    if (Files.isRegularFile(data.resolve("items.tsv"))) {
      log("reusing the synthetic events in %s", data);
      written = null;
    } else {
      written = SyntheticEvents.write(data, events, files, 42, m -> log("%s", m));
      log(
          "%,d synthetic events (%,d shoppers, %,d items) in %,d files, %.1f s",
          written.events(),
          written.users(),
          written.items(),
          written.eventFiles().size(),
          written.millis() / 1000.0);
    }
    Path conf = dir.resolve("scaling.properties");
    List<String> lines = new ArrayList<>();
    // one item2vec worker per slot: the data-parallel trainer at the job's parallelism (0)
    lines.add("features.item2vec.parallelism = " + (item2vec.equals("single") ? "1" : "0"));
    Files.writeString(conf, String.join("\n", lines) + "\n");

    List<Run> runs = new ArrayList<>();
    Path record = dir.resolve("runs-" + events + "-" + item2vec);
    List<String> sampleUsers = null;
    for (int p : parallelisms) {
      Path out = dir.resolve("out-" + events + "-p" + p);
      deleteTree(out);
      try (FlinkSessionCluster cluster =
          FlinkSessionCluster.builder()
              .slots(1)
              .taskManagerMemory(tmMemory, "1g")
              // BATCH mode's sorts spill under managed memory; a smaller share leaves the heap room
              .config("taskmanager.memory.managed.fraction", "0.15")
              // the REST metrics this benchmark samples every second are otherwise cached 10 s
              .config("metrics.fetcher.update-interval", "1000")
              .config("akka.ask.timeout", "60 s")
              .start()) {
        for (int t = 1; t < p; t++) {
          cluster.startTaskManager();
        }
        String featureJarId = cluster.uploadJar(featureJar);
        String reasonJarId = cluster.uploadJar(reasonJar);
        HeapSampler heap = new HeapSampler(cluster);
        heap.start();
        long t0 = System.nanoTime();
        String job =
            cluster.runJar(
                featureJarId,
                "io.reasonflow.features.FeatureJobMain",
                List.of(
                    "--mode",
                    "batch",
                    "--config",
                    conf.toString(),
                    "--events",
                    data.resolve("events").toString(),
                    "--items",
                    data.resolve("items.tsv").toString(),
                    "--out",
                    out.toString(),
                    "--index",
                    "--parallelism",
                    Integer.toString(p)),
                null);
        awaitWithProgress(cluster, job, "backfill p=" + p);
        long backfillMillis = (System.nanoTime() - t0) / 1_000_000;
        long jobMillis = jobMillis(cluster, job);
        long item2vecMillis = span(cluster, job, "item2vec");
        logVertices(cluster, job, "backfill p=" + p);
        List<TaskManagerUse> use = heap.stop(cluster);
        log("backfill p=%d: %,d ms; %s", p, backfillMillis, use);

        Digests digests = digests(new FeatureLayout(out));
        if (sampleUsers == null) {
          sampleUsers = sampleShoppers(new FeatureLayout(out).profiles(), sample);
        }
        Path reasons = dir.resolve("reasons-" + events + "-p" + p);
        deleteTree(reasons);
        String reasonJob = runReasonJob(cluster, reasonJarId, out, reasons, sampleUsers, p);
        long reasonMillis = jobMillis(cluster, reasonJob);
        logVertices(cluster, reasonJob, "reasons p=" + p);
        long recommendations =
            countRecommendations(reasons.resolve(ReasonBatchJob.RECOMMENDATIONS_DIR));
        runs.add(
            new Run(
                p,
                backfillMillis,
                jobMillis,
                item2vecMillis,
                use,
                digests,
                sampleUsers.size(),
                recommendations,
                reasonMillis));
        // kept, so runs at other p made by another invocation (another day) join the table and the
        // comparison
        Files.createDirectories(record);
        JsonLines.MAPPER.writeValue(record.resolve("p" + p + ".json").toFile(), runs.getLast());
      }
    }
    try (Stream<Path> recorded = Files.list(record)) {
      for (Path f :
          recorded.filter(f -> f.getFileName().toString().matches("p\\d+\\.json")).toList()) {
        Run earlier = JsonLines.MAPPER.readValue(f.toFile(), Run.class);
        if (runs.stream().noneMatch(r -> r.parallelism() == earlier.parallelism())) {
          runs.add(earlier);
        }
      }
    }
    runs.sort(java.util.Comparator.comparingInt(Run::parallelism));

    printTable(events, item2vec, tmMemory, runs);
    Run first = runs.getFirst();
    for (Run r : runs) {
      assertThat(r.digests().coViews())
          .as("co-view rows at p=%d", r.parallelism())
          .isEqualTo(first.digests().coViews());
      assertThat(r.digests().items())
          .as("item counts and neighbours at p=%d", r.parallelism())
          .isEqualTo(first.digests().items());
      assertThat(r.digests().profiles())
          .as("profiles at p=%d", r.parallelism())
          .isEqualTo(first.digests().profiles());
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "rf.scaling.reasons-over", matches = ".+")
  void reasonJobOverAnExistingBackfill() throws Exception {
    FeatureLayout features =
        new FeatureLayout(Path.of(System.getProperty("rf.scaling.reasons-over")).toAbsolutePath());
    List<Integer> parallelisms = parallelisms();
    int sample = Integer.getInteger("rf.scaling.shoppers", 5000);
    String tmMemory = System.getProperty("rf.scaling.tm-memory", "6g");
    Path reasonJar = StreamingClusterITCase.jar("rf.reason.job.jar", "reason-job");
    List<String> sampleUsers = sampleShoppers(features.profiles(), sample);
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(
            "%n[scaling] the reason job over %s, %,d shoppers; TaskManagers of %s, one slot each%n",
            features.root(), sampleUsers.size(), tmMemory));
    t.append(
        "| p | reason job (s) | speedup | recommendations | recommendations/s per slot | peak heap"
            + " per TM (MiB) | peak RSS per TM (MiB) | CPU per TM (s) |\n");
    t.append("| ---: | ---: | ---: | ---: | ---: | --- | --- | --- |\n");
    double base = 0;
    for (int p : parallelisms) {
      Path reasons = features.root().resolveSibling("reasons-only-p" + p);
      deleteTree(reasons);
      try (FlinkSessionCluster cluster =
          FlinkSessionCluster.builder()
              .slots(1)
              .taskManagerMemory(tmMemory, "1g")
              .config("metrics.fetcher.update-interval", "1000")
              .config("akka.ask.timeout", "60 s")
              .start()) {
        for (int i = 1; i < p; i++) {
          cluster.startTaskManager();
        }
        String jarId = cluster.uploadJar(reasonJar);
        HeapSampler heap = new HeapSampler(cluster);
        heap.start();
        String job = runReasonJob(cluster, jarId, features.root(), reasons, sampleUsers, p);
        long millis = jobMillis(cluster, job);
        List<TaskManagerUse> use = heap.stop(cluster);
        logVertices(cluster, job, "reasons p=" + p);
        long recommendations =
            countRecommendations(reasons.resolve(ReasonBatchJob.RECOMMENDATIONS_DIR));
        if (base == 0) {
          base = millis;
        }
        t.append(
            String.format(
                "| %d | %.1f | %.2f | %,d | %.1f | %s |%n",
                p,
                millis / 1000.0,
                base / millis,
                recommendations,
                recommendations / (millis / 1000.0) / p,
                useColumns(use)));
        log("reasons p=%d: %,d ms, %,d recommendations; %s", p, millis, recommendations, use);
        assertThat(recommendations).as("recommendations at p=%d", p).isPositive();
      }
    }
    System.out.print(t);
    System.err.print(t);
  }

  private static void printTable(long events, String item2vec, String tmMemory, List<Run> runs) {
    Run base = runs.getFirst();
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(
            "%n[scaling] %,d synthetic events; item2vec %s; TaskManagers of %s, one slot each%n",
            events, item2vec, tmMemory));
    t.append(
        "| p | backfill wall (s) | job (s) | speedup | item2vec (s) | peak heap per TM (MiB) | peak RSS per"
            + " TM (MiB) | CPU per TM (s) | reasons: shoppers, recommendations | recommendations/s per"
            + " slot | outputs equal to p="
            + base.parallelism()
            + " |\n");
    t.append("| ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- | ---: | --- |\n");
    for (Run r : runs) {
      t.append(
          String.format(
              "| %d | %.1f | %.1f | %.2f | %.1f | %s | %,d, %,d | %.1f | %s |%n",
              r.parallelism(),
              r.backfillMillis() / 1000.0,
              r.jobMillis() / 1000.0,
              (double) base.backfillMillis() / r.backfillMillis(),
              r.item2vecMillis() / 1000.0,
              useColumns(r.taskManagers()),
              r.shoppers(),
              r.recommendations(),
              r.recommendations() / (r.reasonMillis() / 1000.0) / r.parallelism(),
              r.digests().coViews().equals(base.digests().coViews())
                      && r.digests().items().equals(base.digests().items())
                      && r.digests().profiles().equals(base.digests().profiles())
                  ? "counts yes; vectors "
                      + (r.digests().vectors().equals(base.digests().vectors())
                          ? "identical"
                          : "differ")
                  : "NO"));
    }
    System.out.print(t);
    System.err.print(t);
  }

  /** The comma-separated {@code rf.scaling.parallelism} (default 1,2). */
  private static List<Integer> parallelisms() {
    return Arrays.stream(System.getProperty("rf.scaling.parallelism", "1,2").split(","))
        .map(String::strip)
        .map(Integer::parseInt)
        .toList();
  }

  /** Submits the reason job over {@code features} for {@code users} at {@code p}; waits for it. */
  private static String runReasonJob(
      FlinkSessionCluster cluster,
      String jarId,
      Path features,
      Path out,
      List<String> users,
      int p) {
    String job =
        cluster.runJar(
            jarId,
            "io.reasonflow.reasons.ReasonJobMain",
            List.of(
                "--mode",
                "batch",
                "--features",
                features.toString(),
                "--out",
                out.toString(),
                "--users",
                String.join(",", users),
                "--parallelism",
                Integer.toString(p)),
            null);
    awaitWithProgress(cluster, job, "reasons p=" + p);
    return job;
  }

  /** Flink's own duration of a finished job. */
  private static long jobMillis(FlinkSessionCluster cluster, String job) {
    return StreamingClusterITCase.readTree(cluster.get("/jobs/" + job)).path("duration").asLong();
  }

  /** The table columns per TaskManager: peak heap of its maximum, peak RSS, CPU time. */
  private static String useColumns(List<TaskManagerUse> use) {
    return join(
            use, u -> String.format("%,d of %,d", u.peakHeapBytes() / MIB, u.heapMaxBytes() / MIB))
        + " | "
        + join(use, u -> String.format("%,d", u.hwmBytes() / MIB))
        + " | "
        + join(use, u -> String.format("%.0f", u.cpu()));
  }

  private static <T> String join(List<T> list, java.util.function.Function<T, String> f) {
    return String.join(" / ", list.stream().map(f).toList());
  }

  // ------------------------------------------------------------------------------------------
  // measuring

  /**
   * Samples every TaskManager's used heap once a second over REST (the JobManager's metric fetcher
   * set to refresh as often), and reads each one's peak resident memory and CPU time from {@code
   * /proc} at the end: the TaskManagers are fresh JVMs, so their high-water marks cover this run.
   */
  private static final class HeapSampler {
    private final FlinkSessionCluster cluster;
    private final Map<String, long[]> peak = new ConcurrentHashMap<>(); // id -> {used, max}
    private volatile boolean running = true;
    private Thread thread;

    HeapSampler(FlinkSessionCluster cluster) {
      this.cluster = cluster;
    }

    void start() {
      thread =
          Thread.ofPlatform()
              .daemon()
              .name("heap-sampler")
              .start(
                  () -> {
                    while (running) {
                      try {
                        sample();
                        Thread.sleep(1000);
                      } catch (InterruptedException e) {
                        return;
                      } catch (RuntimeException e) {
                        // a missed sample (REST busy) is a missed second, not a failed run
                      }
                    }
                  });
    }

    private void sample() {
      JsonNode tms =
          StreamingClusterITCase.readTree(cluster.get("/taskmanagers")).path("taskmanagers");
      for (JsonNode tm : tms) {
        String id = tm.path("id").asText();
        JsonNode metrics =
            StreamingClusterITCase.readTree(
                cluster.get(
                    "/taskmanagers/"
                        + id
                        + "/metrics?get=Status.JVM.Memory.Heap.Used,Status.JVM.Memory.Heap.Max"));
        long used = 0;
        long max = 0;
        for (JsonNode m : metrics) {
          if (m.path("id").asText().endsWith("Heap.Used")) {
            used = m.path("value").asLong();
          } else {
            max = m.path("value").asLong();
          }
        }
        long u = used;
        long mx = max;
        peak.merge(
            id,
            new long[] {u, mx},
            (a, b) -> new long[] {Math.max(a[0], b[0]), Math.max(a[1], b[1])});
      }
    }

    List<TaskManagerUse> stop(FlinkSessionCluster cluster) throws InterruptedException {
      sample();
      running = false;
      thread.interrupt();
      thread.join();
      List<long[]> heaps = new ArrayList<>(new java.util.TreeMap<>(peak).values());
      List<Long> pids = cluster.taskManagerPids();
      List<TaskManagerUse> out = new ArrayList<>();
      for (int i = 0; i < pids.size(); i++) {
        long[] h = i < heaps.size() ? heaps.get(i) : new long[] {0, 0};
        out.add(
            new TaskManagerUse(pids.get(i), h[0], h[1], hwm(pids.get(i)), cpuSeconds(pids.get(i))));
      }
      return out;
    }
  }

  private static long hwm(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      // not Linux: no figure
    }
    return 0;
  }

  private static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // fields after the command name (which may hold spaces) start after the last ')'
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in ticks
    } catch (IOException e) {
      return 0;
    }
  }

  private static void awaitWithProgress(FlinkSessionCluster cluster, String job, String what) {
    long t0 = System.nanoTime();
    long deadline =
        t0 + Duration.ofMinutes(Long.getLong("rf.scaling.timeout-minutes", 180)).toNanos();
    while (true) {
      JsonNode j = StreamingClusterITCase.readTree(cluster.get("/jobs/" + job));
      String state = j.path("state").asText();
      if (state.equals("FINISHED")) {
        return;
      }
      assertThat(state)
          .as("%s: job state\n%s", what, cluster.logTail())
          .isIn("CREATED", "INITIALIZING", "RUNNING", "RESTARTING");
      assertThat(System.nanoTime()).as("%s within the timeout", what).isLessThan(deadline);
      int finished = 0;
      int total = 0;
      List<String> running = new ArrayList<>();
      for (JsonNode v : j.path("vertices")) {
        total++;
        String s = v.path("status").asText();
        if (s.equals("FINISHED")) {
          finished++;
        } else if (s.equals("RUNNING")) {
          running.add(v.path("name").asText().replaceAll("\\s+", " "));
        }
      }
      log(
          "%s: %s, %.0f s, %d of %d operators finished%s",
          what,
          state,
          (System.nanoTime() - t0) / 1e9,
          finished,
          total,
          running.isEmpty() ? "" : "; running " + abbreviate(String.join(", ", running)));
      try {
        Thread.sleep(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * From the first start to the last end of the job's operators whose name holds {@code part}: the
   * cluster job's summary has no training time (its counters do not time stages).
   */
  private static long span(FlinkSessionCluster cluster, String job, String part) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (JsonNode v :
        StreamingClusterITCase.readTree(cluster.get("/jobs/" + job)).path("vertices")) {
      if (v.path("name").asText().contains(part)) {
        first = Math.min(first, v.path("start-time").asLong());
        last = Math.max(last, v.path("end-time").asLong());
      }
    }
    return first == Long.MAX_VALUE ? -1 : last - first;
  }

  /**
   * Logs each vertex (a chain of operators) of a finished job: its parallelism, its wall time from
   * first start to last end, and each subtask's own duration, from the REST API. Where the time of
   * a run went, which the job's total cannot say.
   */
  private static void logVertices(FlinkSessionCluster cluster, String job, String what) {
    for (JsonNode v :
        StreamingClusterITCase.readTree(cluster.get("/jobs/" + job)).path("vertices")) {
      List<String> subtasks = new ArrayList<>();
      for (JsonNode st :
          StreamingClusterITCase.readTree(
                  cluster.get("/jobs/" + job + "/vertices/" + v.path("id").asText()))
              .path("subtasks")) {
        subtasks.add(String.format("%.1f", st.path("duration").asLong() / 1000.0));
      }
      log(
          "%s vertex: %s | p=%d | %.1f s | subtasks %s s",
          what,
          abbreviate(v.path("name").asText()),
          v.path("parallelism").asInt(),
          v.path("duration").asLong() / 1000.0,
          String.join(" / ", subtasks));
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 160 ? s : s.substring(0, 157) + "...";
  }

  // ------------------------------------------------------------------------------------------
  // outputs

  /** Count, sum and xor of 64-bit row hashes: equal for equal multisets of rows, in any order. */
  record Digest(long rows, long sum, long xor) {
    static final class Builder {
      private long rows;
      private long sum;
      private long xor;

      void add(String row) {
        long h = fnv64(row);
        rows++;
        sum += h;
        xor ^= h;
      }

      Digest build() {
        return new Digest(rows, sum, xor);
      }
    }
  }

  private static long fnv64(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    // a final mix, so rows that differ in their last characters spread over all bits
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  private static Digests digests(FeatureLayout out) throws IOException {
    Digest.Builder coViews = new Digest.Builder();
    for (Path part : CoViewTable.parts(out.coViews())) {
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(
                  new GZIPInputStream(Files.newInputStream(part)), StandardCharsets.UTF_8))) {
        r.lines().skip(1).forEach(coViews::add);
      }
    }
    Digest.Builder items = new Digest.Builder();
    Digest.Builder vectors = new Digest.Builder();
    JsonLines.forEach(
        out.items(),
        ItemFeatures.class,
        f -> {
          items.add(
              f.id()
                  + " "
                  + f.vectorSource()
                  + " shoppers="
                  + f.shoppers()
                  + " coviews="
                  + f.coViews());
          vectors.add(f.id() + " " + Arrays.toString(f.vector()));
        });
    Digest.Builder profiles = new Digest.Builder();
    JsonLines.forEach(
        out.profiles(),
        UserProfile.class,
        p ->
            profiles.add(
                p.userId()
                    + " "
                    + p.recent()
                    + " seen="
                    + p.seenItems()
                    + " events="
                    + p.eventCount()));
    return new Digests(coViews.build(), items.build(), vectors.build(), profiles.build());
  }

  /** Every k-th shopper by a hash of the id, up to {@code n}: spread over the id space. */
  private static List<String> sampleShoppers(Path profiles, int n) {
    List<String> all = new ArrayList<>();
    JsonLines.forEach(profiles, UserProfile.class, p -> all.add(p.userId()));
    all.sort(
        java.util.Comparator.comparingLong(BackfillScalingBenchmark::fnv64).thenComparing(s -> s));
    return List.copyOf(all.subList(0, Math.min(n, all.size())));
  }

  /** Recommendations in the reason job's part files (gzip JSON lines). */
  private static long countRecommendations(Path dir) {
    long[] n = {0};
    JsonLines.forEachLine(dir, line -> n[0]++);
    return n[0];
  }

  private static void deleteTree(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder())
          .forEach(
              f -> {
                try {
                  Files.delete(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void log(String format, Object... args) {
    System.err.printf("[scaling] " + format + "%n", args);
  }
}
