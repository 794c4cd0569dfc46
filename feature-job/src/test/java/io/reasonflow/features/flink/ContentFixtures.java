package io.reasonflow.features.flink;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.Item;
import io.reasonflow.features.core.ContentVectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small catalogue for the content operators: four families (brand and kind), each learned item
 * with an item2vec-like vector along its family's axis plus noise; every fifth item is cold (no
 * vector).
 */
final class ContentFixtures {
  private static final String[] BRANDS = {"opi", "essie", "nioxin", "loreal"};
  private static final String[] KINDS = {"nail lacquer", "top coat", "shampoo", "conditioner"};

  private ContentFixtures() {}

  static List<Item> catalogue(int n) {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(Item.ofTitle("i" + i, BRANDS[i % 4] + " " + KINDS[i % 4] + " shade" + (i % 10)));
    }
    return items;
  }

  static boolean cold(int i) {
    return i % 5 == 4;
  }

  /** The learned items' vectors (every item but the cold ones). */
  static Map<String, float[]> vectors(int n) {
    SplittableRandom r = new SplittableRandom(3);
    Map<String, float[]> out = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (cold(i)) {
        continue;
      }
      float[] v = new float[4];
      v[i % 4] = 1;
      for (int k = 0; k < 4; k++) {
        v[k] += (float) r.nextDouble(-0.1, 0.1);
      }
      out.put("i" + i, v);
    }
    return out;
  }

  static Map<String, String> titles(List<Item> items) {
    Map<String, String> out = new HashMap<>();
    items.forEach(i -> out.put(i.id(), i.title()));
    return out;
  }

  /** Content vectors fitted on all of {@code catalogue(n)}'s titles. */
  static ContentVectors fitted(int n) {
    return ContentVectors.fit(titles(catalogue(n)), vectors(n), settings(0), m -> {}).orElseThrow();
  }

  /** Small, fast settings: dimension 8, 3 epochs, every word kept. */
  static ContentVectors.Settings settings(int fitTitles) {
    return ContentVectors.Settings.from(
        Config.defaults()
            .with("features.content.dim", "8")
            .with("features.content.epochs", "3")
            .with("features.content.min-word-count", "1")
            .with("features.content.fit-titles", Integer.toString(fitTitles)));
  }
}
