package io.reasonflow.features.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fitted {@link ContentVectors} shipped as its {@link ContentVectors.Model} (what the backfill
 * broadcasts to the subtasks mapping cold items) gives the same vectors, bit for bit, as the fitted
 * object; and a bounded sample is what the fit learns from.
 */
class ContentVectorsModelTest {
  @TempDir Path dir;

  private static final String[] BRANDS = {"opi", "essie", "nioxin", "loreal"};
  private static final String[] KINDS = {"nail lacquer", "shampoo", "conditioner", "top coat"};

  /** 80 titles of four families; item2vec-like targets: one direction per family, plus noise. */
  private static Map<String, String> titles() {
    Map<String, String> t = new HashMap<>();
    for (int i = 0; i < 80; i++) {
      t.put("i" + i, BRANDS[i % 4] + " " + KINDS[i % 4] + " shade" + (i % 10));
    }
    return t;
  }

  private static Map<String, float[]> behaviour(Map<String, String> titles) {
    SplittableRandom r = new SplittableRandom(3);
    Map<String, float[]> b = new HashMap<>();
    titles
        .keySet()
        .forEach(
            id -> {
              int family = Integer.parseInt(id.substring(1)) % 4;
              float[] v = new float[4];
              v[family] = 1;
              for (int k = 0; k < 4; k++) {
                v[k] += (float) r.nextDouble(-0.1, 0.1);
              }
              b.put(id, v);
            });
    return b;
  }

  private static ContentVectors.Settings settings(int fitTitles) {
    return settings(fitTitles, 4096);
  }

  private static ContentVectors.Settings settings(int fitTitles, int batchSize) {
    return ContentVectors.Settings.from(
        Config.defaults()
            .with("features.content.dim", "8")
            .with("features.content.epochs", "3")
            .with("features.content.min-word-count", "1")
            .with("features.content.batch-size", Integer.toString(batchSize))
            .with("features.content.fit-titles", Integer.toString(fitTitles)));
  }

  /**
   * The batch size is how many titles DL4J's reader hands the training thread at a time and how
   * many skip-gram updates go to one native call; the updates are applied one after another either
   * way, so it changes the speed (docs/benchmarks.md), not the vectors.
   */
  @Test
  void theBatchSizeChangesNoVector() {
    Map<String, String> titles = titles();
    ContentVectors small =
        ContentVectors.fit(titles, behaviour(titles), settings(0, 7), m -> {}).orElseThrow();
    ContentVectors large =
        ContentVectors.fit(titles, behaviour(titles), settings(0, 4096), m -> {}).orElseThrow();
    for (String title : new String[] {"opi nail lacquer red", "nioxin shampoo shade3"}) {
      assertThat(large.vector(title).orElseThrow())
          .as(title)
          .containsExactly(small.vector(title).orElseThrow());
    }
  }

  @Test
  void theModelFileGivesTheSameVectorsBitForBit() throws Exception {
    Map<String, String> titles = titles();
    ContentVectors fitted =
        ContentVectors.fit(titles, behaviour(titles), settings(0), m -> {}).orElseThrow();
    Path file = dir.resolve(ContentModelFile.FILE_NAME);
    ContentModelFile.write(file, 7L, fitted.model());
    ContentVectors shipped = ContentVectors.of(ContentModelFile.read(file, 7L).orElseThrow());
    for (String title :
        new String[] {
          "opi nail lacquer red", "nioxin shampoo", "essie top coat shade3", "loreal"
        }) {
      assertThat(shipped.vector(title).orElseThrow())
          .as(title)
          .containsExactly(fitted.vector(title).orElseThrow());
    }
    assertThat(shipped.vector("12 oz pack")).isEmpty();
    assertThat(shipped.fittedOn()).isEqualTo(80);
  }

  @Test
  void aMissingFileIsNoModelAndAWrongOneIsRefusedNamingIt() throws Exception {
    Path file = dir.resolve(ContentModelFile.FILE_NAME);
    assertThat(ContentModelFile.read(file, 7L)).isEmpty();
    Map<String, String> titles = titles();
    ContentModelFile.write(
        file,
        7L,
        ContentVectors.fit(titles, behaviour(titles), settings(0), m -> {}).orElseThrow().model());
    assertThatThrownBy(() -> ContentModelFile.read(file, 8L))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("content model of run 7, not of this run, 8");
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    assertThatThrownBy(() -> ContentModelFile.read(file, 7L)).hasMessageContaining("cut short");
    Files.writeString(file, "a previous run's seqrec model");
    assertThatThrownBy(() -> ContentModelFile.read(file, 7L))
        .hasMessageContaining("is not a content model file");
  }

  @Test
  void aBoundedSampleFitsOnThatManyTitles() {
    Map<String, String> titles = titles();
    ContentVectors sampled =
        ContentVectors.fit(titles, behaviour(titles), settings(20), m -> {}).orElseThrow();
    assertThat(sampled.fittedOn()).isEqualTo(20);
    // the same sample whichever titles beyond it are offered: the fit on exactly the sample's
    // titles is the same model
    Map<String, String> only = TitleSample.of(titles, 20, 42);
    ContentVectors direct =
        ContentVectors.fit(only, behaviour(titles), settings(20), m -> {}).orElseThrow();
    assertThat(direct.vector("opi nail lacquer red").orElseThrow())
        .containsExactly(sampled.vector("opi nail lacquer red").orElseThrow());
  }

  @Test
  void aModelWhoseArraysDisagreeIsRefused() {
    LinearMap.Weights map = new LinearMap.Weights(3, new double[6], new double[2]);
    assertThatThrownBy(
            () ->
                new ContentVectors.Model(
                    2, new String[] {"opi"}, new float[3], new double[1], map, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs 2 vector values");
    assertThatThrownBy(
            () ->
                new ContentVectors.Model(
                    2, new String[] {"opi", "essie"}, new float[4], new double[2], map, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the map takes 3 columns");
  }
}
