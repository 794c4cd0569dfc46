package io.reasonflow.bench.reasons;

import io.reasonflow.reasons.explain.ExplanationExample;
import io.reasonflow.reasons.explain.decoder.DecoderExplanationGenerator;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Speed of the explanation decoder (issue 14) on held-out examples: (a) batched, every example
 * decoded afresh (cache cleared), reasons/s (median of {@value #PASSES} passes), on one thread and
 * on one per core, first one sentence at a time (the same-run baseline), then in lock-step (the
 * default), with how many sentences the two agree on (all, by construction); (b) single requests
 * one at a time, afresh, p50/p99 ms; (c) the same single requests again, answered from the exact
 * cache. Each generator warms up on the first batch first so the JIT has compiled the hot paths. A
 * sentence counts as verified when the generator returns one (constrained generators re-check every
 * claim and withhold a sentence that fails).
 */
public final class ExplainerBench {
  private ExplainerBench() {}

  /**
   * One measured path.
   *
   * @param cpuMicros CPU time of the measuring thread per reason (one-thread batched rows; -1
   *     elsewhere): unlike reasons/s, it does not move with what else the machine runs
   * @param allocKb bytes the measuring thread allocated per reason, KB (same rows)
   */
  public record Row(
      String path,
      int reasons,
      int verified,
      double perSecond,
      double p50Ms,
      double p99Ms,
      double cpuMicros,
      double allocKb) {
    Row(String path, int reasons, int verified, double perSecond, double p50Ms, double p99Ms) {
      this(path, reasons, verified, perSecond, p50Ms, p99Ms, -1, -1);
    }
  }

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

  public static List<Row> run(
      List<DecoderExplanationGenerator> generators,
      List<ExplanationExample> examples,
      int singles,
      PrintWriter out) {
    List<Row> rows = new ArrayList<>();
    int threads = Runtime.getRuntime().availableProcessors();
    for (DecoderExplanationGenerator g : generators) {
      // the same-run baseline: the same generator decoding one sentence at a time
      DecoderExplanationGenerator alone = g.lockstep(1);
      List<Optional<String>> base = null;
      for (DecoderExplanationGenerator x : List.of(alone, g)) {
        String how = x == alone ? ", one at a time" : ", lock-step";
        x.explainAll(examples.subList(0, Math.min(256, examples.size())));
        List<Optional<String>> all = null;
        double[] secs = new double[PASSES];
        double[] cpu = new double[PASSES];
        double[] alloc = new double[PASSES];
        long me = Thread.currentThread().threadId();
        for (int p = 0; p < PASSES; p++) {
          x.clearCache();
          long c0 = THREADS.getThreadCpuTime(me);
          long a0 = THREADS.getThreadAllocatedBytes(me);
          long t0 = System.nanoTime();
          all = x.explainAll(examples);
          secs[p] = (System.nanoTime() - t0) / 1e9;
          cpu[p] = (THREADS.getThreadCpuTime(me) - c0) / 1e3 / examples.size();
          alloc[p] = (THREADS.getThreadAllocatedBytes(me) - a0) / 1024.0 / examples.size();
        }
        double median = median(secs);
        int ok = (int) all.stream().filter(Optional::isPresent).count();
        rows.add(
            new Row(
                g.name() + how,
                all.size(),
                ok,
                all.size() / median,
                -1,
                -1,
                median(cpu),
                median(alloc)));
        out.printf(
            Locale.ROOT,
            "%s%s: %d in %s s (median %.2f s)%n",
            g.name(),
            how,
            all.size(),
            Arrays.toString(secs),
            median);
        if (base == null) {
          base = all;
          for (int i = 0; i < Math.min(3, all.size()); i++) {
            out.printf(
                Locale.ROOT,
                "  e.g. %s %s -> %s (wrote: %s)%n",
                examples.get(i).features(),
                examples.get(i).productType(),
                all.get(i).orElse("(none)"),
                examples.get(i).sentence());
          }
        } else {
          int same = 0;
          for (int i = 0; i < all.size(); i++) {
            same += all.get(i).equals(base.get(i)) ? 1 : 0;
          }
          out.printf(
              Locale.ROOT,
              "  lock-step vs one at a time: %d of %d sentences identical%n",
              same,
              all.size());
        }
        out.flush();
        if (threads > 1) {
          List<Optional<String>> par = null;
          double[] ps = new double[PASSES];
          for (int p = 0; p < PASSES; p++) {
            x.clearCache();
            long p0 = System.nanoTime();
            par = x.explainAll(examples, threads);
            ps[p] = (System.nanoTime() - p0) / 1e9;
          }
          int pok = (int) par.stream().filter(Optional::isPresent).count();
          rows.add(
              new Row(
                  g.name() + how + ", " + threads + " threads",
                  par.size(),
                  pok,
                  par.size() / median(ps),
                  -1,
                  -1));
        }
      }
      List<ExplanationExample> one = examples.subList(0, Math.min(singles, examples.size()));
      g.clearCache();
      rows.add(single(g, one, g.name() + ", single request"));
      rows.add(single(g, one, g.name() + ", single request (cached)"));
      out.printf(Locale.ROOT, "%s single requests done%n", g.name());
      out.flush();
    }
    return rows;
  }

  private static Row single(
      DecoderExplanationGenerator g, List<ExplanationExample> one, String name) {
    double[] ms = new double[one.size()];
    int ok = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < one.size(); i++) {
      long s = System.nanoTime();
      if (g.explain(one.get(i)).isPresent()) {
        ok++;
      }
      ms[i] = (System.nanoTime() - s) / 1e6;
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    Arrays.sort(ms);
    return new Row(name, one.size(), ok, one.size() / secs, pct(ms, 0.5), pct(ms, 0.99));
  }

  /**
   * Timed passes per batched row (each afresh): the median, so one pass slowed by a neighbour does
   * not decide.
   */
  static final int PASSES = 3;

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double pct(double[] sorted, double q) {
    return sorted.length == 0
        ? Double.NaN
        : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  public static String format(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "| %-52s | %7s | %8s | %9s | %8s | %8s | %11s | %9s |%n",
            "path (one thread unless said)",
            "reasons",
            "verified",
            "reasons/s",
            "p50 ms",
            "p99 ms",
            "CPU µs/rsn",
            "KB/reason"));
    b.append("|")
        .append("-".repeat(54))
        .append(
            "|---------|----------|-----------|----------|----------|-------------|-----------|\n");
    for (Row r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %-52s | %7d | %8d | %9.0f | %8s | %8s | %11s | %9s |%n",
              r.path(),
              r.reasons(),
              r.verified(),
              r.perSecond(),
              r.p50Ms() < 0 ? "" : String.format(Locale.ROOT, "%.2f", r.p50Ms()),
              r.p99Ms() < 0 ? "" : String.format(Locale.ROOT, "%.2f", r.p99Ms()),
              r.cpuMicros() < 0 ? "" : String.format(Locale.ROOT, "%.0f", r.cpuMicros()),
              r.allocKb() < 0 ? "" : String.format(Locale.ROOT, "%.1f", r.allocKb())));
    }
    return b.toString();
  }
}
