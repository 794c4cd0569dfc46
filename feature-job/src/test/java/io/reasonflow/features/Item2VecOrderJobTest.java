package io.reasonflow.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill's item2vec is repeatable: the same events at parallelism 2, run twice in one JVM,
 * give the same item vectors bit for bit, and so the same neighbour lists. Before its corpus was
 * put in a fixed order ({@link io.reasonflow.features.flink.CorpusOrderKey}) it trained on the
 * order in which the two upstream subtasks' histories happened to arrive, and the vectors differed
 * between runs.
 *
 * <p>Bitwise equality is what one machine guarantees with the default single skip-gram worker (two
 * workers gave slightly different vectors on the demo sample, {@code docs/scaling.md}); another CPU
 * may round ND4J's native kernels differently, so tests against figures from other machines keep
 * their tolerances.
 */
class Item2VecOrderJobTest {
  private static final int SHOPPERS = 400;
  private static final int ITEMS = 60;
  private static final int TOP_N = 5;

  @TempDir static Path dir;

  @Test
  void twoRunsAtParallelismTwoLearnTheSameVectorsAndNeighbours() throws Exception {
    twoRunsAgree("1", "one");
  }

  /** The same for data-parallel training: two subtasks, their models merged each round. */
  @Test
  void twoDataParallelRunsLearnTheSameVectorsAndNeighbours() throws Exception {
    twoRunsAgree("0", "dp");
  }

  private void twoRunsAgree(String item2vecParallelism, String name) throws Exception {
    Path events = events(dir.resolve(name + "-events.csv"));
    Config config =
        Config.load(
            null,
            Map.of(
                "features.item2vec.dim", "16",
                "features.item2vec.epochs", "2",
                "features.item2vec.window", "3",
                "features.item2vec.subsampling", "0",
                "features.item2vec.parallelism", item2vecParallelism));
    Map<String, float[]> first = vectors(config, events, dir.resolve(name + "-run1"));
    Map<String, float[]> second = vectors(config, events, dir.resolve(name + "-run2"));

    assertThat(first).hasSize(ITEMS);
    assertThat(second.keySet()).isEqualTo(first.keySet());
    List<String> differing =
        first.keySet().stream()
            .filter(id -> !java.util.Arrays.equals(first.get(id), second.get(id)))
            .toList();
    assertThat(differing).as("items whose vectors differ between two runs").isEmpty();
    for (String id : first.keySet()) {
      assertThat(neighbours(second, id))
          .as("neighbours of %s", id)
          .isEqualTo(neighbours(first, id));
    }
  }

  private static Map<String, float[]> vectors(Config config, Path events, Path out) {
    new FeatureJob(config).runBatch(Fixtures.batchEnv(2), events, null, out);
    return JsonLines.readAll(new FeatureLayout(out).items(), ItemFeatures.class).stream()
        .filter(f -> f.vectorSource() == ItemFeatures.VectorSource.BEHAVIOUR)
        .collect(
            Collectors.toMap(ItemFeatures::id, ItemFeatures::vector, (a, b) -> a, TreeMap::new));
  }

  /**
   * The {@link #TOP_N} items nearest to {@code id} by cosine (vectors are unit length), ties by id.
   */
  private static List<String> neighbours(Map<String, float[]> vectors, String id) {
    float[] q = vectors.get(id);
    return vectors.entrySet().stream()
        .filter(e -> !e.getKey().equals(id))
        .sorted(
            Comparator.<Map.Entry<String, float[]>>comparingDouble(e -> -dot(q, e.getValue()))
                .thenComparing(Map.Entry::getKey))
        .limit(TOP_N)
        .map(Map.Entry::getKey)
        .toList();
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * {@link #SHOPPERS} shoppers, each two sessions a day apart of 3-6 views within one of six topics
   * of ten items, so the corpus has structure to learn and every item is seen.
   */
  private static Path events(Path file) throws IOException {
    SplittableRandom r = new SplittableRandom(11);
    List<String> lines = new ArrayList<>();
    lines.add("user_id,item_id,ts,type");
    for (int u = 0; u < SHOPPERS; u++) {
      for (int session = 0; session < 2; session++) {
        int topic = r.nextInt(ITEMS / 10);
        int n = 3 + r.nextInt(4);
        for (int k = 0; k < n; k++) {
          lines.add(
              "u"
                  + u
                  + ",item"
                  + (topic * 10 + r.nextInt(10))
                  + ","
                  + Fixtures.min(session * 1440 + k)
                  + ",view");
        }
      }
    }
    for (int i = 0; i < ITEMS; i++) { // every item at least once
      lines.add("v" + i + ",item" + i + "," + Fixtures.min(0) + ",view");
    }
    return Fixtures.write(file, lines.toArray(String[]::new));
  }
}
