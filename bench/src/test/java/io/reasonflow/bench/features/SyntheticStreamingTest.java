package io.reasonflow.bench.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.config.EventSchemas;
import io.reasonflow.common.io.EventFileReader;
import io.reasonflow.common.io.ItemFileReader;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.synthetic.SyntheticEvents;
import io.reasonflow.features.core.FeatureSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's shape, and that the benchmark's Flink pipeline and plain loop do the same work.
 */
class SyntheticStreamingTest {
  @TempDir Path dir;

  @Test
  void generatorIsSeededLongTailedAndFlinkMatchesThePlainLoop() throws Exception {
    SyntheticEvents.Written w = SyntheticEvents.write(dir.resolve("a"), 30_000, 2, 7, line -> {});
    SyntheticEvents.Written again =
        SyntheticEvents.write(dir.resolve("b"), 30_000, 2, 7, line -> {});
    assertThat(java.nio.file.Files.readAllLines(w.eventFiles().get(1)))
        .isEqualTo(java.nio.file.Files.readAllLines(again.eventFiles().get(1)));

    Config config = Config.defaults();
    Map<String, Integer> perItem = new HashMap<>();
    long[] events = {0};
    for (Path f : w.eventFiles()) {
      new EventFileReader(EventSchemas.from(config))
          .read(
              f,
              e -> {
                perItem.merge(e.itemId(), 1, Integer::sum);
                events[0]++;
              },
              d -> {
                throw new AssertionError("dead letter " + d);
              });
    }
    Set<String> catalogue = new HashSet<>();
    new ItemFileReader().read(w.catalogue(), (Item i) -> catalogue.add(i.id()), d -> {});
    assertThat(events[0]).isEqualTo(30_000);
    assertThat(catalogue).hasSize(w.items()).containsAll(perItem.keySet());
    assertThat(catalogue.size() - perItem.size()).isGreaterThan(0); // catalogue-only items exist
    // long tail: the top 5% of items with events take far more than 5% of the events
    List<Integer> counts = perItem.values().stream().sorted((a, b) -> b - a).toList();
    long top = counts.subList(0, counts.size() / 20).stream().mapToLong(Integer::longValue).sum();
    assertThat((double) top / events[0]).isGreaterThan(0.2);

    FeatureSettings s = FeatureSettings.from(config);
    Map<String, float[]> vectors = Map.of("P0", new float[s.dim()]);
    StreamingPipeline.Result plain =
        PlainLoop.run(w.eventFiles(), EventSchemas.from(config), s, vectors, 30_000);
    StreamingPipeline.Result flink =
        StreamingPipeline.run(w.eventFiles(), EventSchemas.from(config), s, vectors, 30_000);
    assertThat(plain.events()).isEqualTo(30_000);
    assertThat(flink.events()).isEqualTo(30_000);
    assertThat(plain.pairUpdates()).isGreaterThan(1000).isEqualTo(flink.pairUpdates());
  }
}
