package io.reasonflow.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.config.EventSchemas;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.features.core.ContentVectors;
import io.reasonflow.features.core.FeatureSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.runtime.partitioner.KeyGroupStreamPartitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the backfill's cold-start stages run: the title sample at the job's parallelism on the
 * parsed catalogue, only {@code fit-content-vectors} (one model, on that bounded sample) at
 * parallelism 1, and {@code item-features}, keyed by item with one input as before, maps the cold
 * items where they are (the fit feeds it nothing but its place in the graph: BATCH mode starts
 * {@code item-features} after the fit wrote the model file).
 */
class ColdStartWiringTest {
  @TempDir Path dir;

  private StreamGraph graph(int parallelism, boolean catalogue) {
    Config config = Config.load(null, Map.of());
    StreamExecutionEnvironment env = Fixtures.batchEnv(parallelism);
    new FeatureBatchJob(
            FeatureSettings.from(config),
            ContentVectors.Settings.from(config),
            EventSchemas.from(config),
            1L)
        .wire(
            env,
            FeatureBatchJob.files(List.of(dir.resolve("events.tsv"))),
            catalogue ? FeatureBatchJob.files(List.of(dir.resolve("items.tsv"))) : null,
            FeatureBatchJob.Sinks.partFiles(new FeatureLayout(dir.resolve("out"))));
    return env.getStreamGraph();
  }

  private static StreamNode node(StreamGraph g, String name) {
    return g.getStreamNodes().stream()
        .filter(n -> n.getOperatorName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no operator " + name));
  }

  private static StreamNode source(StreamGraph g, StreamEdge e) {
    return g.getStreamNode(e.getSourceId());
  }

  @Test
  void onlyTheFitRunsInOneSubtask() {
    StreamGraph g = graph(3, true);
    assertThat(node(g, "sample-content-titles").getParallelism()).isEqualTo(3);
    assertThat(node(g, "fit-content-vectors").getParallelism()).isEqualTo(1);
    assertThat(node(g, "item-features").getParallelism()).isEqualTo(3);
  }

  @Test
  void theSampleComesFromTheCatalogueAndTheFitFeedsTheItemRows() {
    StreamGraph g = graph(3, true);
    StreamNode fit = node(g, "fit-content-vectors");
    assertThat(fit.getInEdges()).hasSize(2);
    assertThat(source(g, fit.getInEdges().get(0)).getOperatorName())
        .isEqualTo("sample-content-titles");
    assertThat(source(g, node(g, "sample-content-titles").getInEdges().get(0)).getOperatorName())
        .isEqualTo("parse-catalogue");
    StreamNode rows = node(g, "item-features");
    assertThat(rows.getInEdges()).anyMatch(e -> e.getSourceId() == fit.getId());
    assertThat(rows.getInEdges())
        .as("one keyed input, no broadcast")
        .allMatch(e -> e.getPartitioner() instanceof KeyGroupStreamPartitioner);
  }

  @Test
  void withoutACatalogueNothingIsSampledOrFitted() {
    StreamGraph g = graph(2, false);
    assertThat(g.getStreamNodes())
        .extracting(StreamNode::getOperatorName)
        .doesNotContain("fit-content-vectors", "sample-content-titles");
  }
}
