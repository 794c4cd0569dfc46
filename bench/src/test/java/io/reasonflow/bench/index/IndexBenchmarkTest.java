package io.reasonflow.bench.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.index.VectorFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's plumbing on a tiny dataset: what it measures against, and what it writes. No
 * timing asserted.
 */
class IndexBenchmarkTest {
  @Test
  void groundTruthIsTheExactTopK() {
    BenchData d = BenchData.synthetic(3000, 16, 20, 7);
    int[][] truth = GroundTruth.exact(d.vectors(), d.queries(), 10);
    for (int i = 0; i < d.queries().length; i++) {
      float[] q = d.queries()[i];
      int[] sorted =
          IntStream.range(0, d.vectors().length)
              .boxed()
              .sorted(Comparator.comparingDouble((Integer j) -> -dot(q, d.vectors()[j])))
              .limit(10)
              .mapToInt(Integer::intValue)
              .toArray();
      assertThat(truth[i]).containsExactly(sorted);
    }
    assertThat(GroundTruth.recall(new int[] {1, 2, 3, 99}, new int[] {3, 2, 1, 4})).isEqualTo(0.75);
  }

  @Test
  void tiledItemsKeepTheOriginalsAndAddNearbyCopies(@TempDir Path dir) {
    BenchData base = BenchData.synthetic(500, 8, 10, 3);
    Path file = dir.resolve("items.jsonl.gz");
    io.reasonflow.common.store.JsonLines.writeAll(
        file,
        IntStream.range(0, 500).mapToObj(i -> LuceneEngine.item(i, base.vectors()[i])).toList());
    BenchData tiled = BenchData.fromItems(file, 2000, 30, 3);
    assertThat(tiled.vectors()).hasNumberOfRows(2000);
    assertThat(tiled.name()).isEqualTo("items-tiled-2k");
    for (int i = 0; i < 500; i++) {
      assertThat(tiled.vectors()[i]).containsExactly(base.vectors()[i]);
    }
    // a copy's nearest original is much closer than a typical original-to-original pair
    float[] copy = tiled.vectors()[1999];
    double best = Arrays.stream(base.vectors()).mapToDouble(v -> dot(copy, v)).max().orElseThrow();
    assertThat(best).isGreaterThan(0.9);
  }

  @Test
  void runMeasuresEveryEngineAndWritesTableCsvAndPlot(@TempDir Path out) throws Exception {
    BenchOptions d = BenchOptions.defaults(out);
    BenchOptions o =
        new BenchOptions(
            null,
            0,
            List.of(1000),
            16,
            40,
            10,
            List.of(VectorFormat.HNSW, VectorFormat.INT8),
            List.of(10, 100),
            d.maxConn(),
            d.beamWidth(),
            true,
            out,
            1);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    BenchTable t = IndexBenchmark.run(o, new PrintStream(log, true, StandardCharsets.UTF_8));
    assertThat(t.rows())
        .extracting(BenchRow::engine)
        .containsExactly(
            "brute-force",
            "lucene-HNSW",
            "lucene-HNSW",
            "lucene-INT8",
            "lucene-INT8",
            "hnswlib",
            "hnswlib");
    BenchRow exact = t.rows().get(0);
    assertThat(exact.recall()).isEqualTo(1.0);
    assertThat(exact.sizeBytes()).isEqualTo(1000L * 16 * 4);
    // a 100-wide beam over 1,000 vectors finds (nearly) all true neighbours; a wrong id mapping
    // would score ~0
    assertThat(t.rows())
        .filteredOn(r -> r.ef() == 100)
        .allSatisfy(
            r -> {
              assertThat(r.recall()).isGreaterThan(0.95);
              assertThat(r.buildSeconds()).isPositive();
              assertThat(r.sizeBytes()).isPositive();
              assertThat(r.p99Micros()).isGreaterThanOrEqualTo(r.p50Micros());
            });
    Path csv = out.resolve("index-bench.csv");
    assertThat(Files.readAllLines(csv))
        .hasSize(1 + t.rows().size())
        .first()
        .asString()
        .startsWith("dataset,vectors,dim,engine,ef");
    Path png = out.resolve("recall-vs-latency-synthetic-1k.png");
    assertThat(Files.size(png)).isGreaterThan(1000);
    assertThat(Files.readAllBytes(png)).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    assertThat(out.resolve("work")).doesNotExist();
    String printed = log.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("build synthetic-1k: 1,000/1,000")
        .contains("target: recall@10")
        .contains(t.format());
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }
}
