package io.reasonflow.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.config.EventSchemas;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.features.core.ContentVectors;
import io.reasonflow.features.core.FeatureSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which item2vec the backfill wires: one model in one subtask at parallelism 1 (as before), the
 * data-parallel rounds at a higher parallelism, and one model again when {@code
 * features.item2vec.parallelism} says 1 whatever the job's parallelism.
 */
class Item2VecWiringTest {
  @TempDir Path dir;

  private List<StreamNode> nodes(int jobParallelism, Map<String, String> overrides) {
    Config config = Config.load(null, overrides);
    StreamExecutionEnvironment env = Fixtures.batchEnv(jobParallelism);
    new FeatureBatchJob(
            FeatureSettings.from(config),
            ContentVectors.Settings.from(config),
            EventSchemas.from(config),
            1L)
        .wire(
            env,
            FeatureBatchJob.files(List.of(dir.resolve("events.tsv"))),
            null,
            FeatureBatchJob.Sinks.partFiles(new FeatureLayout(dir.resolve("out"))));
    return List.copyOf(env.getStreamGraph().getStreamNodes());
  }

  private static StreamNode node(List<StreamNode> nodes, String name) {
    return nodes.stream().filter(n -> n.getOperatorName().equals(name)).findFirst().orElse(null);
  }

  @Test
  void oneModelByDefaultAtAnyParallelism() {
    for (int p : new int[] {1, 2}) {
      List<StreamNode> nodes = nodes(p, Map.of());
      assertThat(node(nodes, "train-item2vec").getParallelism()).isEqualTo(1);
      assertThat(node(nodes, "item2vec-round-1")).isNull();
    }
    assertThat(node(nodes(1, Map.of("features.item2vec.parallelism", "0")), "item2vec-round-1"))
        .as("0 at job parallelism 1")
        .isNull();
  }

  @Test
  void zeroFollowsTheJobsParallelismWithOneRoundPerEpochByDefault() {
    List<StreamNode> nodes =
        nodes(2, Map.of("features.item2vec.epochs", "3", "features.item2vec.parallelism", "0"));
    assertThat(node(nodes, "train-item2vec")).isNull();
    for (int r = 1; r <= 3; r++) {
      assertThat(node(nodes, "item2vec-round-" + r).getParallelism()).isEqualTo(2);
      assertThat(node(nodes, "item2vec-average-" + r).getParallelism()).isEqualTo(2);
    }
    assertThat(node(nodes, "item2vec-round-4")).isNull();
    assertThat(node(nodes, "item2vec-vectors").getParallelism()).isEqualTo(1);
  }

  @Test
  void theKeysChooseTheWorkersAndRounds() {
    List<StreamNode> one = nodes(2, Map.of("features.item2vec.parallelism", "1"));
    assertThat(node(one, "train-item2vec").getParallelism()).isEqualTo(1);
    List<StreamNode> three =
        nodes(
            2,
            Map.of(
                "features.item2vec.parallelism", "3",
                "features.item2vec.epochs", "4",
                "features.item2vec.rounds", "2"));
    assertThat(node(three, "item2vec-round-2").getParallelism()).isEqualTo(3);
    assertThat(node(three, "item2vec-round-3")).isNull();
  }

  @Test
  void moreRoundsThanEpochsIsRefusedNamingTheKey() {
    assertThatThrownBy(
            () ->
                FeatureSettings.from(
                    Config.load(
                        null,
                        Map.of(
                            "features.item2vec.epochs", "2",
                            "features.item2vec.rounds", "3"))))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("features.item2vec.rounds")
        .hasMessageContaining("at most features.item2vec.epochs (2)");
  }
}
