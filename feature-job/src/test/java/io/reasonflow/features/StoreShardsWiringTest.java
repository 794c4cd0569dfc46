package io.reasonflow.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.features.stream.ItemModel;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.index.ItemIndexWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.runtime.partitioner.CustomPartitionerWrapper;
import org.apache.flink.streaming.runtime.partitioner.ForwardPartitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the streaming job's Flink 2.2 graph runs the store sinks at {@code
 * features.stream.store-shards}: writer, checkpoint-id stamp and committer of each store at that
 * parallelism, the input custom-partitioned by shard, and writer to stamp to committer connected
 * one to one (forward), which is what makes committer i commit exactly writer i's batches. With one
 * shard the graph keeps the unsharded job's shape, and the operator uids (what a savepoint's state
 * is matched by) are the same at every shard count.
 */
class StoreShardsWiringTest {
  @TempDir Path dir;

  private StreamGraph graph(int shards) {
    Config config =
        Config.load(
            null,
            Map.of(
                "features.stream.model-dir", dir.resolve("models").toString(),
                "features.stream.store-shards", Integer.toString(shards)));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(3);
    StreamingFeatureJob job = new StreamingFeatureJob(config);
    job.configure(env);
    ItemModel model =
        ItemModel.of(
            1L,
            List.of(
                new ItemFeatures(
                    Item.ofTitle("a", "a"),
                    new float[] {1f, 0f},
                    1L,
                    ItemFeatures.VectorSource.BEHAVIOUR,
                    0,
                    List.of())));
    job.wire(
        job.boundedSource(Map.of()),
        env.fromData(model).name("item-model").uid("item-model"),
        job.sinks(dir.resolve("index-" + shards), dir.resolve("profiles-" + shards + ".jsonl.gz")));
    return env.getStreamGraph();
  }

  private static StreamNode node(StreamGraph g, String name) {
    return g.getStreamNodes().stream()
        .filter(n -> n.getOperatorName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no operator "
                        + name
                        + " in "
                        + g.getStreamNodes().stream().map(StreamNode::getOperatorName).toList()));
  }

  private static StreamEdge onlyInput(StreamNode n) {
    assertThat(n.getInEdges()).as("inputs of %s", n.getOperatorName()).hasSize(1);
    return n.getInEdges().getFirst();
  }

  @Test
  void eachStoreRunsOneSubtaskPerShardWithWriterAndCommitterConnectedOneToOne() {
    StreamGraph g = graph(2);
    for (String store : List.of("item-index", "profile-store")) {
      StreamNode writer = node(g, store + ": Writer");
      StreamNode stamp = node(g, store + ": " + store + "-stamp-checkpoint-id");
      StreamNode committer = node(g, store + ": Committer");
      for (StreamNode n : List.of(writer, stamp, committer)) {
        assertThat(n.getParallelism()).as(n.getOperatorName()).isEqualTo(2);
      }
      assertThat(onlyInput(writer).getPartitioner())
          .as("%s: records reach the subtask owning their shard", store)
          .isInstanceOf(CustomPartitionerWrapper.class);
      assertThat(onlyInput(stamp).getPartitioner()).isInstanceOf(ForwardPartitioner.class);
      assertThat(onlyInput(committer).getPartitioner()).isInstanceOf(ForwardPartitioner.class);
      assertThat(writer.getTransformationUID()).isEqualTo(store);
      assertThat(committer.getTransformationUID()).isEqualTo("Sink Committer: " + store);
    }
  }

  @Test
  void oneShardKeepsTheUnshardedGraphAndTheSameUids() {
    StreamGraph g = graph(1);
    for (String store : List.of("item-index", "profile-store")) {
      StreamNode writer = node(g, store + ": Writer");
      assertThat(writer.getParallelism()).isEqualTo(1);
      assertThat(onlyInput(writer).getPartitioner())
          .as("%s: not repartitioned by shard", store)
          .isNotInstanceOf(CustomPartitionerWrapper.class);
      assertThat(writer.getTransformationUID()).isEqualTo(store);
      assertThat(node(g, store + ": Committer").getTransformationUID())
          .isEqualTo("Sink Committer: " + store);
    }
  }

  @Test
  void aStoreOnDiskOfAnotherShardCountIsRefusedOnTheClient() {
    Path index = dir.resolve("index-2");
    try (ItemIndexWriter w = ItemIndexWriter.open(index, IndexSettings.DEFAULT)) {
      w.commit(Map.of()); // an unsharded index where the 2-shard job would write
    }
    assertThatThrownBy(() -> graph(2))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("is one unsharded index, but features.stream.store-shards = 2");
  }
}
