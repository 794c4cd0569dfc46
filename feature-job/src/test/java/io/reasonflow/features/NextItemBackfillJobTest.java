package io.reasonflow.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.seqrec.NextItemScorer;
import io.reasonflow.common.store.FeatureLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill fits the next-item model (linear + sequential kNN) and writes it beside its other
 * outputs, where the reason job's reader ({@link NextItemScorer}) finds it; switched off, it writes
 * none and a previous run's file does not survive.
 *
 * <p>Planted sequences: every shopper walks the catalogue in steps of +1 or +3 (mod {@link
 * #ITEMS}), so the next item follows from the last two viewed (every item is equally common): a
 * model that did not learn the order ranks it first about 1 time in {@link #ITEMS}. The linear
 * model alone (kNN weight 0) must find it from the two newest items.
 */
class NextItemBackfillJobTest {
  private static final int ITEMS = 40;

  @TempDir Path dir;

  @Test
  void backfillWritesAModelThatPredictsThePlantedNextItem() throws IOException {
    Path events = events(dir.resolve("events.csv"));
    Path out = dir.resolve("out");
    new FeatureJob(config(true)).runBatch(Fixtures.batchEnv(2), events, null, out);

    NextItemScorer model = NextItemScorer.load(new FeatureLayout(out).nextItemModel());
    assertThat(model.itemIds()).hasSize(ITEMS);
    int hits = 0;
    int shoppers = 100;
    for (int u = 0; u < shoppers; u++) {
      int step = u % 2 == 0 ? 1 : 3;
      int start = (u * 7) % ITEMS;
      List<String> history =
          List.of(id(start), id((start + step) % ITEMS), id((start + 2 * step) % ITEMS));
      double[] scores = model.score(history, new NextItemScorer.Blend(0, 0.5));
      int best = 0;
      for (int c = 1; c < scores.length; c++) {
        if (scores[c] > scores[best]) {
          best = c;
        }
      }
      hits += model.itemIds().get(best).equals(id((start + 3 * step) % ITEMS)) ? 1 : 0;
    }
    // chance is 1/40; an additive model cannot always tell the step from two items (measured 0.88)
    assertThat(hits / (double) shoppers).isGreaterThan(0.8);
  }

  @Test
  void switchedOffWritesNoModelAndClearsAnOldOne() throws IOException {
    Path events = events(dir.resolve("events.csv"));
    Path out = dir.resolve("out");
    FeatureLayout layout = new FeatureLayout(out);
    Files.createDirectories(out);
    Files.writeString(layout.nextItemModel(), "a previous run's model");
    new FeatureJob(config(false)).runBatch(Fixtures.batchEnv(1), events, null, out);
    assertThat(layout.nextItemModel()).doesNotExist();
    assertThat(layout.items()).exists();
  }

  private static Config config(boolean enabled) {
    Map<String, String> m = new HashMap<>();
    m.put("features.item2vec.dim", "8");
    m.put("features.item2vec.epochs", "1");
    m.put("features.linear-next.enabled", Boolean.toString(enabled));
    m.put("features.linear-next.window", "2");
    m.put("features.linear-next.l2", "1");
    return Config.load(null, m);
  }

  private static String id(int i) {
    return "item" + i;
  }

  /** 600 shoppers, 4 to 12 views a minute apart, each walking with its own step (+1 or +3). */
  private static Path events(Path file) throws IOException {
    Random rnd = new Random(7);
    List<String> lines = new ArrayList<>();
    lines.add("user_id,item_id,ts,type");
    for (int u = 0; u < 600; u++) {
      int step = rnd.nextBoolean() ? 1 : 3;
      int n = 4 + rnd.nextInt(9);
      int item = rnd.nextInt(ITEMS);
      for (int t = 0; t < n; t++) {
        lines.add("u" + u + "," + id(item) + "," + Fixtures.min(t) + ",view");
        item = (item + step) % ITEMS;
      }
    }
    return Fixtures.write(file, lines.toArray(String[]::new));
  }
}
