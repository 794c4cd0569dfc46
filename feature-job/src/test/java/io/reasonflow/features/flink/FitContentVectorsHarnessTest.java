package io.reasonflow.features.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.Item;
import io.reasonflow.features.core.ContentModelFile;
import io.reasonflow.features.core.ContentVectors;
import io.reasonflow.features.core.TitleSample;
import io.reasonflow.features.core.TitleWords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.flink.streaming.api.operators.InputSelection;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FitContentVectors} ({@code fit-content-vectors}) under Flink's two-input harness: it reads
 * the title samples first, merges the subtasks' candidates into the catalogue's sample, keeps the
 * sampled items' vectors, and when both inputs end writes one model file stamped with the run's
 * version, the same model as a fit on the whole catalogue with the same sample size; it emits
 * nothing. It fits nothing (and removes an earlier run's file) when the sample holds the whole
 * catalogue and every item of it has a vector, and fits when the catalogue is larger than the
 * sample even if no sampled item is cold (the others are not checked there).
 */
class FitContentVectorsHarnessTest {
  private static final int N = 100;
  private static final long VERSION = 7L;

  @TempDir Path dir;

  private Path file() {
    return dir.resolve(ContentModelFile.FILE_NAME);
  }

  /** Each of three "subtasks" samples every third item, as {@link SampleTitles} would. */
  private static List<TitleCandidates> candidates(List<Item> items, int size) {
    List<TitleCandidates> out = new ArrayList<>();
    for (int part = 0; part < 3; part++) {
      TitleSample s = new TitleSample(size, 42);
      long seen = 0;
      long worded = 0;
      for (int i = part; i < items.size(); i += 3) {
        seen++;
        worded += TitleWords.of(items.get(i).title()).isEmpty() ? 0 : 1;
        s.add(new TitleSample.Entry(items.get(i).id(), items.get(i).title()));
      }
      out.add(new TitleCandidates(s.entries().toArray(TitleSample.Entry[]::new), seen, worded));
    }
    return out;
  }

  /** Runs the operator; the model it wrote, if any. */
  private Optional<ContentVectors.Model> run(
      List<TitleCandidates> samples, Map<String, float[]> vectors, int size) throws Exception {
    try (var h =
        new TwoInputStreamOperatorTestHarness<>(
            new FitContentVectors(ContentFixtures.settings(size), file().toString(), VERSION))) {
      h.open();
      long before = file().toFile().length(); // 0 when absent
      FitContentVectors op = (FitContentVectors) h.getOperator();
      assertThat(op.nextSelection()).isEqualTo(InputSelection.FIRST);
      for (TitleCandidates c : samples) {
        h.processElement1(c, 0);
      }
      h.endInput1();
      assertThat(op.nextSelection())
          .as("the vectors after the sample")
          .isEqualTo(InputSelection.SECOND);
      for (Map.Entry<String, float[]> e : vectors.entrySet()) {
        h.processElement2(ItemFact.vector(e.getKey(), e.getValue()), 0);
      }
      assertThat(file().toFile().length())
          .as("nothing written before the inputs end")
          .isEqualTo(before);
      h.endInput2();
      assertThat(h.extractOutputValues()).as("the model goes out as a file only").isEmpty();
      return ContentModelFile.read(file(), VERSION);
    }
  }

  @Test
  void fitsTheCataloguesSampleOnceAndEmitsOneModel() throws Exception {
    List<Item> items = ContentFixtures.catalogue(N);
    Map<String, float[]> vectors = ContentFixtures.vectors(N);
    ContentVectors shipped =
        ContentVectors.of(run(candidates(items, 24), vectors, 24).orElseThrow());
    ContentVectors whole =
        ContentVectors.fit(
                ContentFixtures.titles(items), vectors, ContentFixtures.settings(24), m -> {})
            .orElseThrow();
    // the map is fitted on the sample's learned items only: fewer than the sample's 24 titles
    assertThat(shipped.fittedOn()).isEqualTo(whole.fittedOn()).isLessThan(24);
    for (String title : new String[] {"opi nail lacquer red", "nioxin shampoo shade3"}) {
      assertThat(shipped.vector(title).orElseThrow())
          .as(title)
          .containsExactly(whole.vector(title).orElseThrow());
    }
  }

  @Test
  void aWholeSampleWithEveryItemLearnedFitsNothing() throws Exception {
    List<Item> learned =
        ContentFixtures.catalogue(N).stream()
            .filter(Predicate.not(i -> ContentFixtures.cold(Integer.parseInt(i.id().substring(1)))))
            .toList();
    Files.writeString(file(), "an earlier run's model");
    assertThat(run(candidates(learned, 0), ContentFixtures.vectors(N), 0)).isEmpty();
    assertThat(file()).as("an earlier run's model is removed").doesNotExist();
    assertThat(run(candidates(learned, 500), ContentFixtures.vectors(N), 500))
        .as("a sample larger than the catalogue is the whole catalogue")
        .isEmpty();
  }

  @Test
  void aCatalogueLargerThanTheSampleIsFittedEvenWithNoSampledItemCold() throws Exception {
    // every sampled item learned: the items outside the sample may still be cold
    List<Item> items = ContentFixtures.catalogue(N);
    List<TitleCandidates> samples = candidates(items, 10);
    Map<String, float[]> allLearned = new java.util.HashMap<>(ContentFixtures.vectors(N));
    items.forEach(i -> allLearned.putIfAbsent(i.id(), new float[] {1, 0, 0, 0}));
    assertThat(run(samples, allLearned, 10)).isPresent();
  }
}
