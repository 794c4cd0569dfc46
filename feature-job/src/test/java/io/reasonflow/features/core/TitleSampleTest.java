package io.reasonflow.features.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The content fit's sample of titles: the ids with the smallest seeded hash, whatever the order
 * they come in or how they are split into parts merged later.
 */
class TitleSampleTest {
  private static final long SEED = 42;

  private static List<TitleSample.Entry> catalogue(int n) {
    List<TitleSample.Entry> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(new TitleSample.Entry("item" + i, "brand" + (i % 7) + " lipstick shade" + i));
    }
    return items;
  }

  /** The expected sample, computed the slow way: sort every id by (hash, id), take the first k. */
  private static List<String> smallest(List<TitleSample.Entry> items, int k) {
    return items.stream()
        .map(TitleSample.Entry::id)
        .sorted(
            Comparator.comparingLong((String id) -> SeededHash.of(SEED, id))
                .thenComparing(Comparator.naturalOrder()))
        .limit(k)
        .toList();
  }

  private static List<String> ids(TitleSample s) {
    return s.entries().stream().map(TitleSample.Entry::id).toList();
  }

  @Test
  void keepsTheSmallestHashesWhateverTheOrder() {
    List<TitleSample.Entry> items = catalogue(500);
    List<String> want = smallest(items, 40);
    for (long shuffle : new long[] {1, 2, 3}) {
      List<TitleSample.Entry> shuffled = new ArrayList<>(items);
      Collections.shuffle(shuffled, new Random(shuffle));
      TitleSample s = new TitleSample(40, SEED);
      s.addAll(shuffled);
      assertThat(ids(s)).as("hash order, shuffle %d", shuffle).containsExactlyElementsOf(want);
    }
  }

  @Test
  void mergingThePartsSamplesGivesTheWholeSample() {
    List<TitleSample.Entry> items = catalogue(500);
    // three "subtasks", each sampling its share (every third item), then one merge
    TitleSample merged = new TitleSample(40, SEED);
    for (int part = 0; part < 3; part++) {
      TitleSample s = new TitleSample(40, SEED);
      for (int i = part; i < items.size(); i += 3) {
        s.add(items.get(i));
      }
      assertThat(s.size()).isEqualTo(40);
      merged.addAll(s.entries());
    }
    assertThat(ids(merged)).containsExactlyElementsOf(smallest(items, 40));
  }

  @Test
  void anotherSeedDrawsAnotherSample() {
    List<TitleSample.Entry> items = catalogue(500);
    TitleSample a = new TitleSample(40, SEED);
    TitleSample b = new TitleSample(40, SEED + 1);
    a.addAll(items);
    b.addAll(items);
    assertThat(ids(a)).isNotEqualTo(ids(b));
  }

  @Test
  void sizeZeroKeepsEveryTitleWithWordsAndNoneWithout() {
    List<TitleSample.Entry> items = new ArrayList<>(catalogue(30));
    items.add(new TitleSample.Entry("units", "12 oz pack")); // only unit words
    items.add(new TitleSample.Entry("empty", ""));
    Map<String, String> titles = new HashMap<>();
    items.forEach(i -> titles.put(i.id(), i.title()));
    assertThat(TitleSample.of(titles, 0, SEED)).hasSize(30).doesNotContainKeys("units", "empty");
    // a wordless title does not take a place in a bounded sample either
    TitleSample s = new TitleSample(31, SEED);
    s.addAll(items);
    assertThat(s.size()).isEqualTo(30);
  }

  @Test
  void aNegativeSizeIsRefused() {
    assertThatThrownBy(() -> new TitleSample(-1, SEED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size");
  }
}
