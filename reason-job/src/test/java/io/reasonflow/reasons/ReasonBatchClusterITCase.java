package io.reasonflow.reasons;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.reasons.decoder.SyntheticWorld;
import io.reasonflow.testing.flink.FlinkSessionCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch reason job as it is deployed: the shaded jar submitted over REST to a real session
 * cluster of two TaskManagers with one slot each, at parallelism 2, so each TaskManager opens the
 * evidence stores itself and writes its own part of the output. Every line must equal what the same
 * job writes in one local subtask.
 */
class ReasonBatchClusterITCase {
  @TempDir Path dir;

  /** A session cluster of two TaskManagers with one slot each. */
  private static FlinkSessionCluster twoTaskManagers() {
    FlinkSessionCluster cluster = FlinkSessionCluster.builder().slots(1).start();
    try {
      cluster.startTaskManager();
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  @Test
  void twoTaskManagersWriteWhatOneLocalSubtaskWrites() throws Exception {
    Path jar = Path.of(System.getProperty("rf.job.jar", "missing"));
    assertThat(jar)
        .as("the shaded job jar; run through 'verify' so 'package' builds it")
        .isRegularFile();
    FeatureLayout layout = new FeatureLayout(dir.resolve("features"));
    new SyntheticWorld(31).writeTo(layout);
    Config config = Config.defaults().with("reasons.top-k", "5");

    // The cluster's JVMs start while the local run works: most of a start is JVMs waiting for each
    // other (JobManager, then BashJavaUtils, then each TaskManager registering), time the local run
    // can use instead of following it.
    CompletableFuture<FlinkSessionCluster> starting =
        CompletableFuture.supplyAsync(ReasonBatchClusterITCase::twoTaskManagers);
    long t0 = System.nanoTime();
    ReasonJobResult local;
    try {
      local = ReasonJob.run(BatchEnvironments.local(1), config, layout, dir.resolve("local"), null);
    } catch (Exception | Error e) {
      try {
        starting.join().close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    long localMillis = (System.nanoTime() - t0) / 1_000_000;

    Path clusterOut = dir.resolve("cluster");
    long clusterMillis;
    long startMillis;
    try (FlinkSessionCluster cluster = starting.join()) {
      startMillis = cluster.startMillis();
      assertThat(cluster.registeredTaskManagers()).isEqualTo(2);
      long t1 = System.nanoTime();
      String job =
          cluster.submit(
              jar,
              ReasonJobMain.class.getName(),
              List.of(
                  "--features",
                  layout.root().toString(),
                  "--out",
                  clusterOut.toString(),
                  "--parallelism",
                  "2",
                  "--set",
                  "reasons.top-k=5"));
      cluster.awaitJob(job, "FINISHED", Duration.ofMinutes(5));
      clusterMillis = (System.nanoTime() - t1) / 1_000_000;
      JsonNode vertices = JsonLines.MAPPER.readTree(cluster.get("/jobs/" + job)).path("vertices");
      // the recommend operator at parallelism 2 (the file source's own parallelism is the
      // scheduler's choice: one profiles file is one split)
      assertThat(vertices.findValuesAsText("name"))
          .anyMatch(n -> n.contains("recommend-with-reasons"));
      vertices.forEach(
          v -> {
            if (v.path("name").asText().contains("recommend-with-reasons")) {
              assertThat(v.path("parallelism").asInt()).as(v.path("name").asText()).isEqualTo(2);
            }
          });
    }

    Path parts = clusterOut.resolve(ReasonBatchJob.RECOMMENDATIONS_DIR);
    assertThat(JsonLines.parts(parts)).as("a part per subtask").hasSize(2);
    List<JsonNode> expected = ReasonJobTest.byShopperAndRank(local.recommendationsFile());
    assertThat(expected).hasSize((int) local.recommendations()).isNotEmpty();
    assertThat(ReasonJobTest.byShopperAndRank(parts)).isEqualTo(expected);
    assertThat(Files.exists(clusterOut.resolve("report.html")))
        .as("only local runs write the report")
        .isFalse();
    System.err.printf(
        "[figures] reason batch job, %d shoppers: local p=1 %,d ms while the session cluster started "
            + "(%,d ms, first TaskManager); cluster p=2 on two TaskManagers %,d ms (submission to "
            + "FINISHED); %,d recommendations, equal%n",
        SyntheticWorld.USERS, localMillis, startMillis, clusterMillis, expected.size());
  }
}
