package io.reasonflow.bench.reasons;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.reasons.EvidenceStores;
import io.reasonflow.reasons.ReasonSettings;
import io.reasonflow.reasons.Recommender;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reason throughput and latency on a real feature output, for each realiser in the same run:
 * batched (the Flink operator's path, {@code reasons.batch.profiles} shoppers a call) in reasons
 * per second on one thread and on {@code threads} threads (one recommender each, as each task of
 * the reason job has its own), and single requests (one shopper, as the query service would ask) as
 * p50/p99 milliseconds; and the batched workers' reasons per CPU-second. Candidates, evidence and
 * verification are part of every figure: they are what a reason costs.
 */
public final class ReasonBench {
  /**
   * Shoppers each recommender serves before timing starts: enough for the JIT to compile the hot
   * paths (with 20 the first timed run still paid for compilation) and for native libraries to
   * load.
   */
  private static final int WARM_UP_SHOPPERS = 100;

  private ReasonBench() {}

  /**
   * @param reasonsPerCpuSecond reasons per second of CPU time the batched workers used: what a core
   *     does when the machine is busy with other work too, which wall-clock rates do not show
   */
  public record Row(
      String realiser,
      String locale,
      int shoppers,
      long reasons,
      double reasonsPerSecond,
      int threads,
      double threadsReasonsPerSecond,
      double reasonsPerCpuSecond,
      double p50Ms,
      double p99Ms) {}

  public static List<Row> run(
      List<Config> configs, FeatureLayout layout, int shoppers, int threads, PrintWriter out) {
    List<UserProfile> profiles = new ArrayList<>();
    JsonLines.forEach(
        layout.profiles(),
        UserProfile.class,
        p -> {
          if (profiles.size() < shoppers) {
            profiles.add(p);
          }
        });
    List<Row> rows = new ArrayList<>();
    try (EvidenceStores stores = EvidenceStores.open(layout)) {
      for (Config c : configs) {
        List<Recommender> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
          Recommender r = stores.recommender(ReasonSettings.from(c), profiles.size());
          r.recommend(profiles.subList(0, Math.min(WARM_UP_SHOPPERS, profiles.size())));
          workers.add(r);
        }
        List<List<UserProfile>> batches =
            batches(profiles, c.integer("reasons.batch.profiles", 1, 100_000));
        Throughput one = batched(workers.subList(0, 1), batches);
        Throughput all = batched(workers, batches);
        double[] ms =
            singleMillis(workers.get(0), profiles.subList(0, Math.min(profiles.size(), 300)));
        String name = workers.get(0).realiserName();
        Row row =
            new Row(
                name,
                c.string("reasons.locale"),
                profiles.size(),
                one.reasons(),
                one.perSecond(),
                threads,
                all.perSecond(),
                all.perCpuSecond(),
                percentile(ms, 0.50),
                percentile(ms, 0.99));
        rows.add(row);
        out.println(format(List.of(row)).lines().skip(1).findFirst().orElse(""));
        out.flush();
      }
    }
    return rows;
  }

  private record Throughput(long reasons, double perSecond, double perCpuSecond) {}

  private static List<List<UserProfile>> batches(List<UserProfile> profiles, int size) {
    List<List<UserProfile>> out = new ArrayList<>();
    for (int i = 0; i < profiles.size(); i += size) {
      out.add(profiles.subList(i, Math.min(profiles.size(), i + size)));
    }
    return out;
  }

  /**
   * All batches, each worker on its own thread taking the next batch not yet taken, timed until the
   * last ends.
   */
  private static Throughput batched(List<Recommender> workers, List<List<UserProfile>> batches) {
    AtomicInteger next = new AtomicInteger();
    LongAdder reasons = new LongAdder();
    LongAdder cpuNanos = new LongAdder();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long t0 = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(workers.size())) {
      List<Future<?>> running = new ArrayList<>();
      for (Recommender r : workers) {
        running.add(
            pool.submit(
                () -> {
                  long cpu0 = cpu.getCurrentThreadCpuTime();
                  for (int b = next.getAndIncrement();
                      b < batches.size();
                      b = next.getAndIncrement()) {
                    r.recommend(batches.get(b)).forEach(recs -> reasons.add(recs.size()));
                  }
                  cpuNanos.add(cpu.getCurrentThreadCpuTime() - cpu0);
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a bench worker failed: " + e.getCause(), e.getCause());
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Throughput(
        reasons.sum(), reasons.sum() / seconds, reasons.sum() / (cpuNanos.sum() / 1e9));
  }

  /** One request per shopper, one after the other; sorted milliseconds. */
  private static double[] singleMillis(Recommender r, List<UserProfile> profiles) {
    double[] ms = new double[profiles.size()];
    for (int i = 0; i < ms.length; i++) {
      long s = System.nanoTime();
      r.recommend(profiles.get(i));
      ms[i] = (System.nanoTime() - s) / 1e6;
    }
    Arrays.sort(ms);
    return ms;
  }

  private static double percentile(double[] sorted, double p) {
    return sorted[(int) (p * (sorted.length - 1))];
  }

  public static String format(List<Row> rows) {
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-15s %-6s %9s %9s %12s %8s %14s %14s %9s %9s%n",
                "realiser",
                "locale",
                "shoppers",
                "reasons",
                "reasons/s",
                "threads",
                "reasons/s all",
                "reasons/cpu-s",
                "p50 ms",
                "p99 ms"));
    for (Row r : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-15s %-6s %9d %9d %12.1f %8d %14.1f %14.1f %9.2f %9.2f%n",
              r.realiser(),
              r.locale(),
              r.shoppers(),
              r.reasons(),
              r.reasonsPerSecond(),
              r.threads(),
              r.threadsReasonsPerSecond(),
              r.reasonsPerCpuSecond(),
              r.p50Ms(),
              r.p99Ms()));
    }
    return sb.toString();
  }
}
