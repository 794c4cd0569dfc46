package io.reasonflow.index.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.index.TestItems;
import io.reasonflow.index.VectorFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecallEvaluatorTest {
  @TempDir Path dir;

  @Test
  void hnswRecallAtTenIsAtLeastNinetyPercentOnClusteredVectors() {
    Random rnd = new Random(12345);
    float[][] centres = TestItems.centres(20, 32, rnd);
    List<ItemFeatures> corpus = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      corpus.add(TestItems.item(i, i % 20, TestItems.around(centres[i % 20], 0.5, rnd)));
    }
    List<float[]> queries = new ArrayList<>();
    for (int q = 0; q < 60; q++) {
      queries.add(TestItems.around(centres[q % 20], 0.5, rnd));
    }

    List<RecallResult> results =
        RecallEvaluator.compareFormats(
            corpus, queries, 10, IndexSettings.DEFAULT, dir, List.of(VectorFormat.values()));
    results.forEach(
        r ->
            System.out.printf(
                "recall@10 %-5s %.3f  %.0f us/query%n",
                r.format(), r.recall(), r.meanQueryMicros()));

    assertThat(results).extracting(RecallResult::format).containsExactly(VectorFormat.values());
    assertThat(results)
        .allSatisfy(
            r -> {
              assertThat(r.queries()).isEqualTo(60);
              assertThat(r.recall()).isBetween(0.0, 1.0);
            });
    assertThat(results.get(0).recall()).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void exactTopKIsTheBruteForceAnswer() {
    List<float[]> units = List.of(new float[] {1, 0}, new float[] {0, 1}, new float[] {0.6f, 0.8f});
    assertThat(RecallEvaluator.exactTopK(units, List.of("x", "y", "xy"), new float[] {1, 0}, 2))
        .containsExactlyInAnyOrder("x", "xy");
  }
}
