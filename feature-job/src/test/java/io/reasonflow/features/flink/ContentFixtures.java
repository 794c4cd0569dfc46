package io.reasonflow.features.flink;

import io.reasonflow.common.config.Config;
import io.reasonflow.features.core.ContentVectors;
import io.reasonflow.features.core.TitledItem;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small catalogue for the content operators: four families (brand and kind), each with an
 * item2vec-like vector along its own axis plus noise; every fifth item is cold (no vector).
 */
final class ContentFixtures {
  private static final String[] BRANDS = {"opi", "essie", "nioxin", "loreal"};
  private static final String[] KINDS = {"nail lacquer", "top coat", "shampoo", "conditioner"};

  private ContentFixtures() {}

  static List<TitledItem> catalogue(int n) {
    SplittableRandom r = new SplittableRandom(3);
    List<TitledItem> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int family = i % 4;
      float[] v = null;
      if (i % 5 != 4) {
        v = new float[4];
        v[family] = 1;
        for (int k = 0; k < 4; k++) {
          v[k] += (float) r.nextDouble(-0.1, 0.1);
        }
      }
      items.add(
          new TitledItem("i" + i, BRANDS[family] + " " + KINDS[family] + " shade" + (i % 10), v));
    }
    return items;
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
