package io.reasonflow.bench.index;

import io.reasonflow.common.UserError;
import io.reasonflow.index.IndexVersions;
import io.reasonflow.index.ItemSchema;
import io.reasonflow.index.ShardLayout;
import io.reasonflow.query.QueryServer;
import io.reasonflow.query.QueryServerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Load on the real query service: starts {@link QueryServer} on 127.0.0.1 (an ephemeral port, this
 * machine only) over an index and drives {@code GET /v1/items/{id}/similar} with {@code wrk}
 * (Debian: {@code apt-get install -y wrk}) for a bounded time, cycling through up to 1,000 of the
 * index's item ids. Reports throughput and latency percentiles as wrk measured them. wrk runs on
 * the same machine, so its threads compete with the server's.
 */
public final class HttpLoad {
  static final int MAX_IDS = 1000;

  /** Longest run accepted: a load test here must stop by itself. */
  static final Duration MAX_DURATION = Duration.ofMinutes(5);

  /**
   * What wrk measured.
   *
   * @param requestsPerSecond completed requests per second
   * @param p50Millis median latency
   * @param p99Millis 99th percentile latency
   * @param requests completed requests
   * @param non2xx responses that were not 2xx/3xx (should be 0)
   * @param socketErrors connect, read, write and timeout errors (should be 0)
   */
  public record Result(
      double requestsPerSecond,
      double p50Millis,
      double p99Millis,
      long requests,
      long non2xx,
      long socketErrors) {}

  private HttpLoad() {}

  /**
   * What to run.
   *
   * @param connections concurrent connections
   * @param threads wrk threads
   * @param warmup full load before anything is measured: the JIT compiles the query path for tens
   *     of seconds (a run measured after 2 s of warm-up saw 6,500 req/s and p99 21 ms; after 15 s,
   *     10,000 req/s and p99 5 ms)
   * @param duration each measured run
   * @param rate when above 0, a second run offers this many requests/s instead of as many as the
   *     server answers: the latency a page sees at a given traffic, not at saturation
   */
  public record Plan(int connections, int threads, Duration warmup, Duration duration, int rate) {
    public Plan {
      if (duration.isNegative()
          || duration.isZero()
          || duration.compareTo(MAX_DURATION) > 0
          || warmup.isNegative()
          || warmup.compareTo(MAX_DURATION) > 0) {
        throw new IllegalArgumentException(
            "warm-up and duration must be in [0, "
                + MAX_DURATION
                + "] (duration "
                + "above 0), got "
                + warmup
                + " and "
                + duration);
      }
      if (connections < 1 || threads < 1 || threads > connections || rate < 0) {
        throw new IllegalArgumentException(
            "need connections >= threads >= 1 and rate >= 0: " + this);
      }
    }
  }

  /** The saturated run, and the paced one when the plan has a rate (else null). */
  public record Report(Result saturated, Result paced, int offered) {}

  /**
   * Warms the server up at full load, measures it saturated (every connection sends its next
   * request as soon as the last is answered), then, with a rate, paced: each connection waits
   * between requests so that together they offer {@code rate} requests/s. wrk spaces requests in
   * whole milliseconds and the spacing adds to the response time, so a 3-second probe calibrates
   * the spacing before the measured paced run; the rate reported is the one wrk achieved.
   */
  public static Report run(Path index, Plan plan, PrintStream out) {
    Path wrk = findWrk();
    List<String> ids = sampleIds(index);
    if (ids.isEmpty()) {
      throw new UserError("index " + index + " holds no items to query");
    }
    List<Path> scripts = new ArrayList<>();
    try (QueryServer server =
        QueryServer.start(QueryServerConfig.of(index, 0).withHost("127.0.0.1"))) {
      Path flat = script(ids, 0, scripts);
      String url = "http://127.0.0.1:" + server.port();
      if (!plan.warmup().isZero()) {
        out.printf(
            Locale.ROOT,
            "warming up for %d s at full load (JIT and page cache)%n",
            plan.warmup().toSeconds());
        wrk(wrk, flat, url, plan.connections(), plan.threads(), plan.warmup());
      }
      String report = wrk(wrk, flat, url, plan.connections(), plan.threads(), plan.duration());
      out.print(report);
      Result saturated = parse(report);
      print(out, "saturated", plan, saturated);
      Result paced = null;
      if (plan.rate() > 0) {
        double spacing = plan.connections() * 1000.0 / plan.rate();
        Result probe =
            parse(
                wrk(
                    wrk,
                    script(ids, spacing, scripts),
                    url,
                    plan.connections(),
                    plan.threads(),
                    Duration.ofSeconds(3)));
        spacing = calibrate(spacing, plan.connections(), plan.rate(), probe.requestsPerSecond());
        report =
            wrk(
                wrk,
                script(ids, spacing, scripts),
                url,
                plan.connections(),
                plan.threads(),
                plan.duration());
        out.print(report);
        paced = parse(report);
        print(
            out,
            String.format(
                Locale.ROOT,
                "paced at %,d req/s offered (%.2f ms between a connection's requests)",
                plan.rate(),
                spacing),
            plan,
            paced);
      }
      return new Report(saturated, paced, plan.rate());
    } finally {
      for (Path f : scripts) {
        try {
          Files.deleteIfExists(f);
        } catch (IOException ignored) {
          // a temp file left behind is harmless
        }
      }
    }
  }

  private static void print(PrintStream out, String what, Plan plan, Result r) {
    out.printf(
        Locale.ROOT,
        "similar-items over HTTP, %s, %d connections, %ds: %.0f req/s, p50 %.2f ms, "
            + "p99 %.2f ms, %d non-2xx, %d socket errors%n",
        what,
        plan.connections(),
        plan.duration().toSeconds(),
        r.requestsPerSecond(),
        r.p50Millis(),
        r.p99Millis(),
        r.non2xx(),
        r.socketErrors());
  }

  /**
   * The spacing (ms) that makes {@code connections} connections offer {@code rate} requests/s,
   * given that {@code spacing} achieved {@code achieved}: a connection's cycle is its spacing plus
   * the time its request takes, and that time is what the probe reveals.
   */
  static double calibrate(double spacing, int connections, int rate, double achieved) {
    if (!(achieved > 0)) {
      return spacing;
    }
    double responseMillis = connections * 1000.0 / achieved - spacing;
    return Math.max(0, connections * 1000.0 / rate - Math.max(0, responseMillis));
  }

  private static Path findWrk() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, "wrk");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new UserError(
        "wrk not found on PATH; install it (Debian/Ubuntu: apt-get install -y wrk)");
  }

  /** Up to {@link #MAX_IDS} ids, spread evenly over the (first shard of the) index. */
  static List<String> sampleIds(Path index) {
    Path dir = IndexVersions.resolve(index);
    if (ShardLayout.isSharded(dir)) {
      dir = ShardLayout.read(dir).shardDir(0);
    }
    try (Directory d = FSDirectory.open(dir);
        DirectoryReader r = DirectoryReader.open(d)) {
      List<String> ids = new ArrayList<>();
      StoredFields stored = r.storedFields();
      int step = Math.max(1, r.maxDoc() / MAX_IDS);
      for (int doc = 0; doc < r.maxDoc() && ids.size() < MAX_IDS; doc += step) {
        String id = stored.document(doc, Set.of(ItemSchema.ID)).get(ItemSchema.ID);
        if (id != null) {
          ids.add(id);
        }
      }
      return ids;
    } catch (IOException e) {
      throw new UserError("cannot read item ids from " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Path script(List<String> ids, double spacingMillis, List<Path> created) {
    Path f = writeScript(ids, spacingMillis);
    created.add(f);
    return f;
  }

  /**
   * A wrk Lua script whose requests cycle through the ids; with a spacing above 0, each request
   * waits that many milliseconds after the previous one on its connection. wrk's delay is whole
   * milliseconds, so the fraction is carried from request to request (per wrk thread) to keep the
   * average exact.
   */
  static Path writeScript(List<String> ids, double spacingMillis) {
    StringBuilder lua = new StringBuilder("local ids = {\n");
    for (String id : ids) {
      String path =
          "/v1/items/"
              + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")
              + "/similar?k=10";
      lua.append("  \"").append(path.replace("\\", "\\\\").replace("\"", "\\\"")).append("\",\n");
    }
    lua.append(
        "}\nlocal i = 0\nrequest = function()\n  i = i % #ids + 1\n  return wrk.format(\"GET\", ids[i])\nend\n");
    if (spacingMillis > 0) {
      lua.append(
              String.format(Locale.ROOT, "local spacing = %.4f\nlocal owed = 0\n", spacingMillis))
          .append(
              "delay = function()\n  owed = owed + spacing\n  local d = math.floor(owed)\n  owed = owed - d\n"
                  + "  return d\nend\n");
    }
    try {
      Path f = Files.createTempFile("rf-wrk-", ".lua");
      Files.writeString(f, lua, StandardCharsets.UTF_8);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String wrk(
      Path wrk, Path script, String url, int connections, int threads, Duration d) {
    List<String> cmd =
        List.of(
            wrk.toString(),
            "-t" + threads,
            "-c" + connections,
            "-d" + d.toSeconds() + "s",
            "--timeout",
            "5s",
            "--latency",
            "-s",
            script.toString(),
            url);
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      // wrk stops itself after d; the margin only guards against a hung process
      if (!p.waitFor(d.toSeconds() + 30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("wrk did not finish: " + String.join(" ", cmd));
      }
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException("wrk failed (" + p.exitValue() + "): " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("running wrk", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running wrk", e);
    }
  }

  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
  private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern SOCKET =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  /** Reads wrk's {@code --latency} report. */
  static Result parse(String report) {
    Matcher m = SOCKET.matcher(report);
    long socket = 0;
    if (m.find()) {
      for (int g = 1; g <= 4; g++) {
        socket += Long.parseLong(m.group(g));
      }
    }
    Matcher non2xx = NON2XX.matcher(report);
    return new Result(
        number(RPS, report),
        percentile(report, "50%"),
        percentile(report, "99%"),
        (long) number(TOTAL, report),
        non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
        socket);
  }

  private static double number(Pattern p, String report) {
    Matcher m = p.matcher(report);
    if (!m.find()) {
      throw new IllegalStateException("unexpected wrk output (no " + p + "):\n" + report);
    }
    return Double.parseDouble(m.group(1));
  }

  /** A latency-distribution line such as {@code 99% 3.21ms}, in milliseconds. */
  private static double percentile(String report, String label) {
    Matcher m =
        Pattern.compile(
                "^\\s*" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE)
            .matcher(report);
    if (!m.find()) {
      throw new IllegalStateException(
          "unexpected wrk output (no " + label + " latency):\n" + report);
    }
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> v / 1e3;
      case "s" -> v * 1e3;
      default -> v;
    };
  }

  /** {@code HttpLoad INDEX_DIR [SECONDS (default 10)] [CONNECTIONS (default 16)]}. */
  public static void main(String[] args) {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: HttpLoad INDEX_DIR [SECONDS] [CONNECTIONS]");
    }
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int connections = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    run(
        Path.of(args[0]),
        new Plan(connections, 2, Duration.ofSeconds(15), Duration.ofSeconds(seconds), 2000),
        System.out);
  }
}
