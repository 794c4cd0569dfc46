package io.reasonflow.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.index.IndexBuilder;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.index.IndexVersions;
import io.reasonflow.query.QueryServer;
import io.reasonflow.query.QueryServerConfig;
import io.reasonflow.testing.SimilarItemsLoad;
import io.reasonflow.testing.flink.FlinkSessionCluster;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill as it is deployed: the shaded job jar ({@code target/*-job.jar}) submitted through
 * the REST API to a real standalone session cluster (JobManager and TaskManager JVMs), detached,
 * over the first 20,000 lines of the real Amazon Beauty events. Its outputs must match the same job
 * run in-process (local environment): co-view counts exactly, the same profiles, and a vector (of
 * the same kind) for the same items. The vectors themselves differ: item2vec's negative sampling is
 * not seeded per run.
 *
 * <p>It is also the version switch a platform runs after a backfill: the query service serves the
 * local run's index (v1) under steady traffic while the cluster backfills and its index (v2) is
 * built beside v1; then v2 is published and the service refreshed. Because v1 and v2 rank
 * differently, every answer can be attributed to one version.
 */
class ClusterBackfillITCase {
  static final int LINES = 20_000;
  @TempDir Path dir;

  @Test
  void shadedJarOnSessionClusterMatchesLocalRunAndIsSwitchedInUnderTraffic() throws Exception {
    Path events = slice(dataFile("events.tsv.gz"), dir.resolve("events.tsv"), LINES);
    Path items = dataFile("items.tsv.gz");
    String jarProp = System.getProperty("rf.job.jar");
    assertThat(jarProp).as("rf.job.jar (set by the failsafe configuration)").isNotNull();
    Path jar = Path.of(jarProp);
    assertThat(jar)
        .as("the shaded job jar; run through 'verify' so 'package' builds it")
        .isRegularFile();
    System.err.printf("[figures] job jar %s: %,.1f MB%n", jar.getFileName(), Files.size(jar) / 1e6);
    // The cluster starts while the local run works: most of a start is its JVMs waiting on each
    // other, time the local run can use instead of following it.
    CompletableFuture<FlinkSessionCluster> starting =
        CompletableFuture.supplyAsync(() -> FlinkSessionCluster.builder().slots(2).start());
    try {
      compareLocalAndCluster(starting, jar, events, items);
    } finally {
      try {
        starting.join().close();
      } catch (CompletionException startFailed) {
        // the test failed on it already (compareLocalAndCluster joins before it uses the cluster)
      }
    }
  }

  private void compareLocalAndCluster(
      CompletableFuture<FlinkSessionCluster> starting, Path jar, Path events, Path items)
      throws Exception {

    // The same configuration both ways: a file plus a --set on top of it. Two epochs of the title
    // model rather than the default 20: this test compares which items get which kind of vector,
    // not how good the vectors are (ContentVectorsBeautyTest measures that), and the title model
    // over the 12,000-title catalogue was most of each run's time.
    Path conf = dir.resolve("job.properties");
    Files.writeString(
        conf,
        "features.item2vec.epochs = 3\nfeatures.session.gap = 45m\nfeatures.content.epochs = 2\n");
    Map<String, String> sets = Map.of("features.item2vec.dim", "32");
    Config config = Config.load(conf, sets);

    long l0 = System.nanoTime();
    Path localOut = dir.resolve("local");
    FeatureRunSummary localSummary =
        new FeatureJob(config).runBatch(Fixtures.batchEnv(), events, items, localOut);
    long localMillis = (System.nanoTime() - l0) / 1_000_000;

    // The local run's index is the live version v1, served while the backfill builds v2 beside it.
    FeatureLayout local = new FeatureLayout(localOut);
    IndexBuilder.build(local.items(), local.index(), IndexSettings.DEFAULT);
    IndexVersions.publish(dir, local.index());
    Path clusterOut = dir.resolve("cluster");
    FeatureLayout remote = new FeatureLayout(clusterOut);
    try (QueryServer server =
        QueryServer.start(
            QueryServerConfig.of(dir, 0).withAdminToken(SimilarItemsLoad.ADMIN_TOKEN))) {
      List<String> probes = List.copyOf(itemSources(local.items()).keySet()).subList(0, 50);
      Map<String, SimilarItemsLoad.Answer> v1 = SimilarItemsLoad.askAll(server.port(), probes);
      SimilarItemsLoad load = new SimilarItemsLoad(server.port(), probes);

      runBackfillOnCluster(
          starting.join(), jar, conf, events, items, clusterOut, localSummary, localMillis);
      IndexBuilder.build(remote.items(), remote.index(), IndexSettings.DEFAULT);
      long switchMicros = load.switchAndCheck(() -> IndexVersions.publish(dir, remote.index()), v1);
      System.err.printf(
          "[figures] %,d similar-items requests during the backfill and the switch, all 200, each"
              + " answered wholly by v1 or v2; publish + refresh %,d us%n",
          load.answers.size(), switchMicros);
    }

    List<String> localCoViews = sortedLines(local.coViews());
    assertThat(localCoViews).hasSizeGreaterThan(100);
    assertThat(sortedLines(remote.coViews())).isEqualTo(localCoViews);

    Map<String, String> localItems = itemSources(local.items());
    Map<String, String> remoteItems = itemSources(remote.items());
    assertThat(localItems).hasSizeGreaterThan(100);
    assertThat(remoteItems).isEqualTo(localItems);
    JsonLines.forEach(remote.items(), ItemFeatures.class, f -> assertThat(f.vector()).hasSize(32));

    assertThat(profileUsers(remote.profiles()))
        .isEqualTo(profileUsers(local.profiles()))
        .hasSizeGreaterThan(100);
    assertThat(remote.summary()).isRegularFile();
  }

  private void runBackfillOnCluster(
      FlinkSessionCluster cluster,
      Path jar,
      Path conf,
      Path events,
      Path items,
      Path clusterOut,
      FeatureRunSummary localSummary,
      long localMillis)
      throws Exception {
    long j0 = System.nanoTime();
    String job =
        cluster.submit(
            jar,
            FeatureJobMain.class.getName(),
            List.of(
                "--mode",
                "batch",
                // Another seed than the local run's v1: the version switch below tells the
                // versions apart by their rankings, and with one OpenMP thread item2vec repeats
                // itself exactly from one seed.
                "--config",
                conf.toString(),
                "--set",
                "features.item2vec.dim=32",
                "--set",
                "features.item2vec.seed=43",
                "--events",
                events.toString(),
                "--items",
                items.toString(),
                "--out",
                clusterOut.toString()));
    cluster.awaitJob(job, "FINISHED", Duration.ofMinutes(10));
    long jobMillis = (System.nanoTime() - j0) / 1_000_000;
    System.err.printf(
        "[figures] session cluster start %,d ms, beside the local run (%,d ms); cluster job "
            + "(upload + run) %,d ms%n",
        cluster.startMillis(), localMillis, jobMillis);
    // Counters live on in the job's accumulators (a detached client never sees them), equal to
    // the local run's.
    assertThat(cluster.get("/jobs/" + job + "/accumulators"))
        .contains(
            "{\"name\":\"events-kept\",\"type\":\"LongCounter\",\"value\":\""
                + localSummary.events()
                + "\"}")
        .contains(
            "{\"name\":\"users\",\"type\":\"LongCounter\",\"value\":\""
                + localSummary.users()
                + "\"}");
  }

  static Path dataFile(String name) {
    String shared = System.getProperty("rf.shared.data");
    if (shared != null && Files.isRegularFile(Path.of(shared, "amazon-beauty-2014", name))) {
      return Path.of(shared, "amazon-beauty-2014", name);
    }
    String repo = System.getProperty("rf.repo.root");
    Path sample = repo == null ? null : Path.of(repo, "samples", "amazon-beauty-2014", name);
    assumeTrue(
        sample != null && Files.isRegularFile(sample),
        "no amazon-beauty-2014/" + name + " under rf.shared.data or rf.repo.root/samples");
    return sample;
  }

  private static Path slice(Path gz, Path out, int lines) throws IOException {
    try (BufferedReader r =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8));
        BufferedWriter w = Files.newBufferedWriter(out)) {
      String line;
      for (int i = 0; i < lines && (line = r.readLine()) != null; i++) {
        w.write(line);
        w.newLine();
      }
    }
    return out;
  }

  /** The co-view rows of every part (each part's header line left out), sorted. */
  private static List<String> sortedLines(Path coViews) throws IOException {
    List<String> rows = new java.util.ArrayList<>();
    for (Path part : io.reasonflow.common.store.CoViewTable.parts(coViews)) {
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(
                  new GZIPInputStream(Files.newInputStream(part)), StandardCharsets.UTF_8))) {
        r.lines().skip(1).forEach(rows::add);
      }
    }
    return rows.stream().sorted().toList();
  }

  private static Map<String, String> itemSources(Path file) {
    Map<String, String> out = new TreeMap<>();
    JsonLines.forEach(
        file,
        ItemFeatures.class,
        f -> {
          assertThat(f.vector()).isNotEmpty();
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
