package io.reasonflow.index.bench;

import io.reasonflow.common.UserError;
import io.reasonflow.index.IndexVersions;
import io.reasonflow.index.ItemSchema;
import io.reasonflow.index.ShardLayout;
import io.reasonflow.index.http.QueryServer;
import io.reasonflow.index.http.QueryServerConfig;
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
 * Load on the real query service: starts {@link QueryServer} on 127.0.0.1 (an ephemeral port, this machine only)
 * over an index and drives {@code GET /v1/items/{id}/similar} with {@code wrk} (Debian: {@code apt-get install -y
 * wrk}) for a bounded time, cycling through up to 1,000 of the index's item ids. Reports throughput and latency
 * percentiles as wrk measured them. wrk runs on the same machine, so its threads compete with the server's.
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
  public record Result(double requestsPerSecond, double p50Millis, double p99Millis, long requests, long non2xx,
      long socketErrors) {}

  private HttpLoad() {}

  /**
   * Runs {@code duration} of load (after a 2-second warm-up) with {@code connections} connections on
   * {@code threads} wrk threads.
   */
  public static Result run(Path index, int connections, int threads, Duration duration, PrintStream out) {
    if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException("duration must be in (0, " + MAX_DURATION + "], got " + duration);
    }
    Path wrk = findWrk();
    List<String> ids = sampleIds(index);
    if (ids.isEmpty()) {
      throw new UserError("index " + index + " holds no items to query");
    }
    Path script = null;
    try (QueryServer server = QueryServer.start(QueryServerConfig.of(index, 0).withHost("127.0.0.1"))) {
      script = writeScript(ids);
      String url = "http://127.0.0.1:" + server.port();
      wrk(wrk, script, url, Math.min(connections, 4), 1, Duration.ofSeconds(2));  // JIT and page cache
      String report = wrk(wrk, script, url, connections, threads, duration);
      out.print(report);
      Result r = parse(report);
      out.printf(Locale.ROOT, "similar-items over HTTP, %d connections, %ds: %.0f req/s, p50 %.2f ms, p99 %.2f ms, "
          + "%d non-2xx, %d socket errors%n", connections, duration.toSeconds(), r.requestsPerSecond(), r.p50Millis(),
          r.p99Millis(), r.non2xx(), r.socketErrors());
      return r;
    } finally {
      if (script != null) {
        try {
          Files.deleteIfExists(script);
        } catch (IOException ignored) {
          // a temp file left behind is harmless
        }
      }
    }
  }

  private static Path findWrk() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, "wrk");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new UserError("wrk not found on PATH; install it (Debian/Ubuntu: apt-get install -y wrk)");
  }

  /** Up to {@link #MAX_IDS} ids, spread evenly over the (first shard of the) index. */
  static List<String> sampleIds(Path index) {
    Path dir = IndexVersions.resolve(index);
    if (ShardLayout.isSharded(dir)) {
      dir = ShardLayout.read(dir).shardDir(0);
    }
    try (Directory d = FSDirectory.open(dir); DirectoryReader r = DirectoryReader.open(d)) {
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

  /** A wrk Lua script whose requests cycle through the ids. */
  private static Path writeScript(List<String> ids) {
    StringBuilder lua = new StringBuilder("local ids = {\n");
    for (String id : ids) {
      String path = "/v1/items/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20") + "/similar?k=10";
      lua.append("  \"").append(path.replace("\\", "\\\\").replace("\"", "\\\"")).append("\",\n");
    }
    lua.append("}\nlocal i = 0\nrequest = function()\n  i = i % #ids + 1\n  return wrk.format(\"GET\", ids[i])\nend\n");
    try {
      Path f = Files.createTempFile("rf-wrk-", ".lua");
      Files.writeString(f, lua, StandardCharsets.UTF_8);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String wrk(Path wrk, Path script, String url, int connections, int threads, Duration d) {
    List<String> cmd = List.of(wrk.toString(), "-t" + threads, "-c" + connections, "-d" + d.toSeconds() + "s",
        "--timeout", "5s", "--latency", "-s", script.toString(), url);
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
  private static final Pattern SOCKET = Pattern.compile(
      "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

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
    return new Result(number(RPS, report), percentile(report, "50%"), percentile(report, "99%"),
        (long) number(TOTAL, report), non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0, socket);
  }

  private static double number(Pattern p, String report) {
    Matcher m = p.matcher(report);
    if (!m.find()) {
      throw new IllegalStateException("unexpected wrk output (no " + p + "):\n" + report);
    }
    return Double.parseDouble(m.group(1));
  }

  /** A latency-distribution line such as {@code 99%    3.21ms}, in milliseconds. */
  private static double percentile(String report, String label) {
    Matcher m = Pattern.compile("^\\s*" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE)
        .matcher(report);
    if (!m.find()) {
      throw new IllegalStateException("unexpected wrk output (no " + label + " latency):\n" + report);
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
    run(Path.of(args[0]), connections, 2, Duration.ofSeconds(seconds), System.out);
  }
}
