package io.reasonflow.features.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.features.core.ContentVectors;
import io.reasonflow.features.core.TitleSample;
import io.reasonflow.features.core.TitledItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link FitContentVectors} ({@code fit-content-vectors}) under Flink's harness: it merges the
 * subtasks' candidates into the catalogue's sample and emits one model when its input ends (the
 * same model as a fit on the whole catalogue with the same sample size), and nothing when no
 * subtask saw a cold item.
 */
class FitContentVectorsHarnessTest {
  private static final int SAMPLE = 24;

  /** Each of three "subtasks" samples every third item, as {@link SampleTitles} would. */
  private static List<TitleCandidates> candidates(List<TitledItem> items, boolean withCold) {
    List<TitleCandidates> out = new ArrayList<>();
    for (int part = 0; part < 3; part++) {
      TitleSample s = new TitleSample(SAMPLE, 42);
      long seen = 0;
      long cold = 0;
      for (int i = part; i < items.size(); i += 3) {
        TitledItem item = items.get(i);
        if (item.cold() && !withCold) {
          continue;
        }
        seen++;
        cold += item.cold() ? 1 : 0;
        s.add(item);
      }
      out.add(new TitleCandidates(s.items().toArray(TitledItem[]::new), seen, cold));
    }
    return out;
  }

  private static List<ContentVectors.Model> run(List<TitleCandidates> in) throws Exception {
    try (var h =
        new OneInputStreamOperatorTestHarness<>(
            new FitContentVectors(ContentFixtures.settings(SAMPLE)))) {
      h.open();
      for (TitleCandidates c : in) {
        h.processElement(c, 0);
      }
      assertThat(h.extractOutputValues()).as("nothing before the input ends").isEmpty();
      h.endInput();
      return h.extractOutputValues();
    }
  }

  @Test
  void fitsTheCataloguesSampleOnceAndEmitsOneModel() throws Exception {
    List<TitledItem> items = ContentFixtures.catalogue(100);
    List<ContentVectors.Model> out = run(candidates(items, true));
    assertThat(out).hasSize(1);
    ContentVectors shipped = ContentVectors.of(out.get(0));

    Map<String, String> titles = new HashMap<>();
    Map<String, float[]> behaviour = new HashMap<>();
    for (TitledItem i : items) {
      titles.put(i.id(), i.title());
      if (!i.cold()) {
        behaviour.put(i.id(), i.vector());
      }
    }
    ContentVectors whole =
        ContentVectors.fit(titles, behaviour, ContentFixtures.settings(SAMPLE), m -> {})
            .orElseThrow();
    // the map is fitted on the sample's learned items only: fewer than the sample's 24 titles
    assertThat(shipped.fittedOn()).isEqualTo(whole.fittedOn()).isLessThan(SAMPLE);
    for (String title : new String[] {"opi nail lacquer red", "nioxin shampoo shade3"}) {
      assertThat(shipped.vector(title).orElseThrow())
          .as(title)
          .containsExactly(whole.vector(title).orElseThrow());
    }
  }

  @Test
  void withoutAColdItemNothingIsFitted() throws Exception {
    assertThat(run(candidates(ContentFixtures.catalogue(100), false))).isEmpty();
  }
}
