package io.reasonflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.features.FeatureJob;
import io.reasonflow.features.FeatureRunSummary;
import io.reasonflow.testing.flink.FlinkSessionCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The backfill run in-process (a local environment, as {@code ./reasonflow features} runs it)
 * beside the same backfill submitted as the shaded jar to the session cluster, and what the two
 * must share: the co-view rows exactly, per item its vector kind and counts, the same shoppers'
 * profiles, and the job's counters (a detached cluster job keeps them in its accumulators). The
 * vectors themselves are not compared: the cluster runs on other JVMs, whose floating point may
 * differ.
 *
 * <p>It used to be a test of its own in feature-job, which started a second session cluster for it;
 * the streaming test already runs this backfill on its cluster, so the comparison lives here.
 */
final class LocalBackfill {
  private final CompletableFuture<FeatureRunSummary> run;
  private final Path out;
  private final long started = System.nanoTime();
  private volatile long millis;

  private LocalBackfill(Path conf, Path events, Path items, Path out) {
    this.out = out;
    Config config = Config.load(conf, Map.of());
    // its own thread: it runs while the cluster and the broker start, most of which is JVMs
    // waiting on each other
    this.run =
        CompletableFuture.supplyAsync(
            () -> {
              FeatureRunSummary s = new FeatureJob(config).runBatch(batchEnv(), events, items, out);
              millis = (System.nanoTime() - started) / 1_000_000;
              return s;
            });
  }

  /** Starts the backfill of {@code events} and {@code items} with {@code conf} into {@code out}. */
  static LocalBackfill start(Path conf, Path events, Path items, Path out) {
    return new LocalBackfill(conf, events, items, out);
  }

  /**
   * Waits for the local run, then asserts the cluster's job {@code clusterJob} wrote into {@code
   * clusterOut} what it wrote.
   */
  void assertClusterAgrees(FlinkSessionCluster cluster, String clusterJob, Path clusterOut)
      throws IOException {
    FeatureRunSummary local = run.join();
    System.err.printf(
        "[figures] the same backfill in-process (local environment, p=2): %,d ms%n", millis);
    assertThat(cluster.get("/jobs/" + clusterJob + "/accumulators"))
        .as("the cluster job's counters, equal to the local run's")
        .contains(counter("events-kept", local.events()))
        .contains(counter("users", local.users()));

    FeatureLayout l = new FeatureLayout(out);
    FeatureLayout c = new FeatureLayout(clusterOut);
    List<String> coViews = sortedRows(l.coViews());
    assertThat(coViews).hasSizeGreaterThan(100);
    assertThat(sortedRows(c.coViews())).as("co-view rows, cluster vs local").isEqualTo(coViews);
    Map<String, String> items = itemFigures(l.items());
    assertThat(items).hasSizeGreaterThan(100);
    assertThat(itemFigures(c.items())).as("items, cluster vs local").isEqualTo(items);
    TreeSet<String> shoppers = profileUsers(l.profiles());
    assertThat(shoppers).hasSizeGreaterThan(100);
    assertThat(profileUsers(c.profiles())).as("profiles, cluster vs local").isEqualTo(shoppers);
  }

  private static String counter(String name, long value) {
    return "{\"name\":\"" + name + "\",\"type\":\"LongCounter\",\"value\":\"" + value + "\"}";
  }

  private static StreamExecutionEnvironment batchEnv() {
    Configuration conf = new Configuration();
    conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
    return StreamExecutionEnvironment.createLocalEnvironment(2, conf);
  }

  /** The co-view rows of every part (each part's header line left out), sorted. */
  private static List<String> sortedRows(Path coViews) throws IOException {
    List<String> rows = new ArrayList<>();
    for (Path part : CoViewTable.parts(coViews)) {
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(
                  new GZIPInputStream(Files.newInputStream(part)), StandardCharsets.UTF_8))) {
        r.lines().skip(1).forEach(rows::add);
      }
    }
    return rows.stream().sorted().toList();
  }

  /** Per item: the kind of its vector and its counts. */
  private static Map<String, String> itemFigures(Path file) {
    Map<String, String> out = new TreeMap<>();
    JsonLines.forEach(
        file,
        ItemFeatures.class,
        f -> {
          assertThat(f.vector()).as("vector of %s", f.id()).isNotEmpty();
          out.put(
              f.id(), f.vectorSource() + " shoppers=" + f.shoppers() + " coviews=" + f.coViews());
        });
    return out;
  }

  private static TreeSet<String> profileUsers(Path file) {
    TreeSet<String> users = new TreeSet<>();
    JsonLines.forEach(file, UserProfile.class, p -> users.add(p.userId()));
    return users;
  }
}
