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
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.runtime.partitioner.BroadcastPartitioner;
import org.apache.flink.streaming.runtime.partitioner.ForwardPartitioner;
import org.apache.flink.streaming.runtime.partitioner.KeyGroupStreamPartitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the backfill's cold-start stages run: only {@code fit-content-vectors} (one model, on a
 * bounded sample) at parallelism 1; the cold items are found keyed by item and mapped where they
 * were found, at the job's parallelism, so they never all pass through one subtask; the model
 * reaches them as a broadcast.
 */
class ColdStartWiringTest {
  @TempDir Path dir;

  private StreamGraph graph(int parallelism) {
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
            FeatureBatchJob.files(List.of(dir.resolve("items.tsv"))),
            FeatureBatchJob.Sinks.partFiles(new FeatureLayout(dir.resolve("out"))));
    return env.getStreamGraph();
  }

  private static StreamNode node(StreamGraph g, String name) {
    return g.getStreamNodes().stream()
        .filter(n -> n.getOperatorName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no operator " + name));
  }

  @Test
  void onlyTheFitRunsInOneSubtask() {
    StreamGraph g = graph(3);
    assertThat(node(g, "content-items").getParallelism()).isEqualTo(3);
    assertThat(node(g, "sample-content-titles").getParallelism()).isEqualTo(3);
    assertThat(node(g, "fit-content-vectors").getParallelism()).isEqualTo(1);
    assertThat(node(g, "map-cold-items").getParallelism()).isEqualTo(3);
  }

  @Test
  void coldItemsAreKeyedByItemThenMappedWhereTheyWereFound() {
    StreamGraph g = graph(3);
    StreamNode map = node(g, "map-cold-items");
    assertThat(map.getInEdges()).hasSize(2);
    // input 1: the cold items, forward from content-items (3 subtasks to 3); input 2: the model
    assertThat(map.getInEdges().get(0).getSourceId()).isEqualTo(node(g, "content-items").getId());
    assertThat(map.getInEdges().get(0).getPartitioner()).isInstanceOf(ForwardPartitioner.class);
    assertThat(map.getInEdges().get(1).getSourceId())
        .isEqualTo(node(g, "fit-content-vectors").getId());
    assertThat(map.getInEdges().get(1).getPartitioner()).isInstanceOf(BroadcastPartitioner.class);
    assertThat(node(g, "content-items").getInEdges())
        .allMatch(e -> e.getPartitioner() instanceof KeyGroupStreamPartitioner);
  }
}
