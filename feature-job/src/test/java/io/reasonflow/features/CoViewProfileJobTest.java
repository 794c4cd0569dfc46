package io.reasonflow.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.CoView;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.common.store.SummaryEventTypes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-computed fixture, session gap 30m (times in minutes):
 *
 * <pre>
 *   u1: A@0 view, B@10 view, B@10 view (exact duplicate), C@20 cart   -> session 1 {A,B,C}
 *       A@300 view, D@301 purchase                                     -> session 2 {A,D}
 *   u2: A@0 view, B@1 view                                            -> session {A,B}
 *       C@180 view                                                     -> session {C} (no pair)
 *   u3: B@0 view, C@1 view                                            -> session {B,C}
 * pairs per user: u1 {AB, AC, BC, AD}; u2 {AB}; u3 {BC}
 * count: AB=2 (u1,u2), BC=2 (u1,u3), AC=1, AD=1; nothing else
 * shoppers: A=2 (u1,u2), B=3, C=3 (u2's lone C counts), D=1
 * score: AB=2/sqrt(6)=0.816, AD=1/sqrt(2)=0.707, AC=1/sqrt(6)=0.408, BC=2/sqrt(9)=0.667
 * A's neighbours by score: B, D, C
 * </pre>
 */
class CoViewProfileJobTest {
  @TempDir static Path dir;
  static FeatureRunSummary summary;
  static FeatureLayout layout;

  @BeforeAll
  static void run() throws Exception {
    Path events =
        Fixtures.write(
            dir.resolve("events.csv"),
            "user_id,item_id,ts,type",
            "u2,C," + Fixtures.min(180) + ",view",
            "u1,A," + Fixtures.min(0) + ",view",
            "u1,B," + Fixtures.min(10) + ",view",
            "u3,B," + Fixtures.min(0) + ",view",
            "u1,B," + Fixtures.min(10) + ",view",
            "u1,C," + Fixtures.min(20) + ",cart",
            "u1,A," + Fixtures.min(300) + ",view",
            "u1,D," + Fixtures.min(301) + ",purchase",
            "u2,A," + Fixtures.min(0) + ",view",
            "u2,B," + Fixtures.min(1) + ",view",
            "u3,C," + Fixtures.min(1) + ",view");
    Path items =
        Fixtures.write(dir.resolve("items.tsv"), "item_id\ttitle", "A\tApple balm", "B\tBrush");
    layout = new FeatureLayout(dir.resolve("out"));
    summary =
        new FeatureJob(Fixtures.smallConfig())
            .runBatch(Fixtures.batchEnv(), events, items, layout.root());
  }

  @Test
  void coViewCountsShoppersAndScores() {
    assertThat(summary.events()).isEqualTo(10);
    assertThat(summary.users()).isEqualTo(3);
    assertThat(summary.sessions()).isEqualTo(5);
    assertThat(summary.coViewPairs()).isEqualTo(4);
    CoViewTable table = CoViewTable.read(layout.coViews());
    assertThat(table.count("A", "B")).isEqualTo(2);
    assertThat(table.count("C", "B")).isEqualTo(2);
    assertThat(table.count("A", "C")).isEqualTo(1);
    assertThat(table.count("A", "D")).isEqualTo(1);
    assertThat(table.count("B", "D")).isZero();
    assertThat(table.count("C", "D")).isZero();

    Map<String, ItemFeatures> items =
        JsonLines.readAll(layout.items(), ItemFeatures.class).stream()
            .collect(Collectors.toMap(ItemFeatures::id, f -> f));
    assertThat(items.keySet()).containsExactlyInAnyOrder("A", "B", "C", "D");
    assertThat(items.get("A").shoppers()).isEqualTo(2);
    assertThat(items.get("B").shoppers()).isEqualTo(3);
    assertThat(items.get("C").shoppers()).isEqualTo(3);
    assertThat(items.get("D").shoppers()).isEqualTo(1);
    assertThat(items.get("A").item().title()).isEqualTo("Apple balm");
    assertThat(items.get("D").item().title()).isEmpty();
    List<CoView> a = items.get("A").coViews();
    assertThat(a).extracting(CoView::itemId).containsExactly("B", "D", "C");
    assertThat(a.get(0).count()).isEqualTo(2);
    assertThat(a.get(0).score()).isCloseTo(2 / Math.sqrt(6), within(1e-9));
    assertThat(a.get(1).score()).isCloseTo(1 / Math.sqrt(2), within(1e-9));
    assertThat(items.get("C").coViews()).extracting(CoView::itemId).containsExactly("B", "A");
    for (ItemFeatures f : items.values()) {
      assertThat(norm(f.vector())).isCloseTo(1.0, within(1e-4));
      assertThat(f.modelVersion()).isEqualTo(summary.modelVersion());
    }
  }

  @Test
  void theSummaryRecordsTheParsedEventTypesForTheReasonJob() throws Exception {
    List<EventType> expected = List.of(EventType.VIEW, EventType.CART, EventType.PURCHASE);
    assertThat(summary.eventTypes()).isEqualTo(expected);
    assertThat(
            JsonLines.MAPPER
                .readValue(layout.summary().toFile(), FeatureRunSummary.class)
                .eventTypes())
        .isEqualTo(expected);
    // what the reason job reads, without the feature job's classes
    assertThat(SummaryEventTypes.read(layout))
        .hasValueSatisfying(t -> assertThat(t).containsExactlyElementsOf(expected));
  }

  @Test
  void profilesHaveAnchorsNewestFirstAllSeenItemsAndTheWeightedAverageVector() {
    Map<String, UserProfile> profiles =
        JsonLines.readAll(layout.profiles(), UserProfile.class).stream()
            .collect(Collectors.toMap(UserProfile::userId, p -> p));
    UserProfile u1 = profiles.get("u1");
    assertThat(u1.recent())
        .containsExactly(
            new Anchor("D", EventType.PURCHASE, Fixtures.min(301)),
            new Anchor("A", EventType.VIEW, Fixtures.min(300)),
            new Anchor("C", EventType.CART, Fixtures.min(20)),
            new Anchor("B", EventType.VIEW, Fixtures.min(10)));
    assertThat(u1.seenItems()).containsExactly("A", "B", "C", "D");
    assertThat(u1.eventCount()).isEqualTo(5);
    assertThat(u1.updatedAtMs()).isEqualTo(Fixtures.min(301));
    assertThat(profiles.get("u2").seenItems()).containsExactly("A", "B", "C");

    // Recompute u1's vector from the written item vectors: weight = type weight * 0.5^(age / 30d).
    Map<String, float[]> v =
        JsonLines.readAll(layout.items(), ItemFeatures.class).stream()
            .collect(Collectors.toMap(ItemFeatures::id, ItemFeatures::vector));
    double halfLife = 30 * 86_400_000.0;
    long latest = Fixtures.min(301);
    Object[][] events = {
      {"A", 1.0, 0}, {"B", 1.0, 10}, {"C", 3.0, 20}, {"A", 1.0, 300}, {"D", 5.0, 301}
    };
    double[] expected = new double[8];
    for (Object[] e : events) {
      double w = (double) e[1] * Math.pow(0.5, (latest - Fixtures.min((int) e[2])) / halfLife);
      float[] iv = v.get((String) e[0]);
      for (int k = 0; k < 8; k++) {
        expected[k] += w * iv[k];
      }
    }
    double n = 0;
    for (double x : expected) {
      n += x * x;
    }
    n = Math.sqrt(n);
    for (int k = 0; k < 8; k++) {
      assertThat((double) u1.vector()[k]).isCloseTo(expected[k] / n, within(1e-5));
    }
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
