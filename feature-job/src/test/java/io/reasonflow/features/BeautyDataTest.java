package io.reasonflow.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.features.eval.EvalTable;
import io.reasonflow.features.eval.NextItemEvaluator;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Amazon Beauty data (skipped when /work/shared/data is absent). */
class BeautyDataTest {
  @TempDir Path dir;

  @Test
  void backfillGivesEveryItemWithEventsAVector() {
    Path events = SharedData.beauty("events.tsv.gz");
    Path items = SharedData.beauty("items.tsv.gz");
    FeatureLayout layout = new FeatureLayout(dir.resolve("out"));
    FeatureRunSummary s = new FeatureJob(Config.defaults()).runBatch(Fixtures.batchEnv(), events, items, layout.root());
    System.err.println("[beauty] " + s);

    assertThat(s.deadLetters()).isZero();
    assertThat(s.users()).isEqualTo(22_363);
    Set<String> withVector = new HashSet<>();
    JsonLines.forEach(layout.items(), ItemFeatures.class, f -> {
      assertThat(f.vectorSource()).isEqualTo(ItemFeatures.VectorSource.BEHAVIOUR);
      withVector.add(f.id());
    });
    assertThat(withVector).hasSize(12_101);
    assertThat(s.items()).isEqualTo(12_101);
    long[] profiles = {0};
    JsonLines.forEach(layout.profiles(), UserProfile.class, p -> profiles[0]++);
    assertThat(profiles[0]).isEqualTo(22_363);
    assertThat(CoViewTable.read(layout.coViews()).pairs()).isEqualTo((int) s.coViewPairs());
  }

  /** About 2-3 minutes (two item2vec fits' worth of work and 22k x 12k full rankings): opt in with -Drf.eval=true. */
  @Test
  void nextItemEvaluation() {
    assumeTrue(Boolean.getBoolean("rf.eval"), "next-item evaluation is opt-in: -Drf.eval=true");
    // -Drf.eval.set=key=value,key=value tries other settings (e.g. item2vec hyper-parameters) without editing code
    Config config = Config.defaults();
    for (String kv : System.getProperty("rf.eval.set", "").split(",")) {
      if (kv.contains("=")) {
        config = config.with(kv.substring(0, kv.indexOf('=')).strip(), kv.substring(kv.indexOf('=') + 1).strip());
      }
    }
    EvalTable t = new NextItemEvaluator().evaluate(config, SharedData.beauty("events.tsv.gz"));
    System.out.print(t.format()); // the table is what an opt-in run is for; the cli prints it the same way
    assertThat(t.users()).isEqualTo(22_363);
    assertThat(t.row("popularity").hr10()).isBetween(0.0, 0.05);
    assertThat(t.row("blend kNN + item2vec").ndcg10()).isGreaterThan(t.row("popularity").ndcg10());
    // the sequential kNN uses what co-view cannot see on day-resolution data: the next day's purchase
    assertThat(t.row("sequential item-kNN").ndcg10()).isGreaterThan(t.row("co-view item-kNN").ndcg10());
  }
}
