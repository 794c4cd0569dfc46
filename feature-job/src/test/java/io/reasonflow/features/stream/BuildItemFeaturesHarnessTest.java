package io.reasonflow.features.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.CoView;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link BuildItemFeatures} alone under Flink's keyed broadcast harness: signals coalesced per
 * event time, model versions from the broadcast side (newer re-emits every item, older is ignored),
 * the neighbour cap, and keyed plus broadcast state through a snapshot/restore. Scores are {@code
 * count / sqrt(shoppersA * shoppersB)}, with the neighbour's count as {@link AttachShoppers} sends
 * it (attached to a pair count, or on its own when it changes). The expected figures are those the
 * former version, which got every shopper count by broadcast, computed from the same counts.
 */
class BuildItemFeaturesHarnessTest {
  /**
   * Scores are computed by the same double expression on both sides; this only absorbs the
   * literal's rounding.
   */
  static final double SCORE_EPS = 1e-12;

  static StreamSettings settings(String... overrides) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < overrides.length; i += 2) {
      m.put(overrides[i], overrides[i + 1]);
    }
    return StreamSettings.from(Config.load(null, m));
  }

  /**
   * A 2-d model: every item gets {@code (1, 0)} rotated by a version-dependent angle, so versions
   * differ.
   */
  static ItemModel model(long version, String... items) {
    HashMap<String, float[]> v = new HashMap<>();
    HashMap<String, Item> it = new HashMap<>();
    double angle = version * 0.1;
    for (String id : items) {
      v.put(id, new float[] {(float) Math.cos(angle), (float) Math.sin(angle)});
      it.put(id, Item.ofTitle(id, "title of " + id));
    }
    return new ItemModel(version, 2, v, it);
  }

  static KeyedBroadcastOperatorTestHarness<String, ItemSignal, ModelRef, ItemFeatures> harness(
      StreamSettings s) throws Exception {
    return new KeyedBroadcastOperatorTestHarness<>(
        new CoBroadcastWithKeyedOperator<>(
            new BuildItemFeatures(s),
            List.of(
                BuildItemFeatures.MODEL,
                BuildItemFeatures.LEGACY_MODEL,
                BuildItemFeatures.LEGACY_SHOPPERS)),
        ItemSignal::item,
        Types.STRING,
        1,
        1,
        0);
  }

  static KeyedBroadcastOperatorTestHarness<String, ItemSignal, ModelRef, ItemFeatures> opened(
      StreamSettings s) throws Exception {
    var h = harness(s);
    h.open();
    return h;
  }

  static void watermark(
      KeyedBroadcastOperatorTestHarness<String, ItemSignal, ModelRef, ItemFeatures> h, long w)
      throws Exception {
    h.processWatermark(w);
    h.processBroadcastWatermark(w);
  }

  static void assertCoViews(List<CoView> actual, Object... idCountScore) {
    assertThat(actual).hasSize(idCountScore.length / 3);
    for (int i = 0; i < actual.size(); i++) {
      CoView c = actual.get(i);
      assertThat(c.itemId()).isEqualTo(idCountScore[3 * i]);
      assertThat(c.count()).isEqualTo(idCountScore[3 * i + 1]);
      assertThat(c.score()).isCloseTo((Double) idCountScore[3 * i + 2], within(SCORE_EPS));
    }
  }

  @Test
  void signalsForOneEventTimeAreCoalescedIntoOneEmissionWhenTheWatermarkPasses() throws Exception {
    try (var h = opened(settings())) {
      h.processBroadcastElement(TestModels.publish(model(1, "a", "b", "c")), 0);
      h.processElement(ItemSignal.shoppers("a", 2), 100);
      h.processElement(ItemSignal.neighbour("a", "b", 1, 3), 100);
      h.processElement(ItemSignal.neighbour("a", "b", 2, 4), 100); // totals: the latest wins
      h.processElement(ItemSignal.neighbour("a", "c", 2, 0), 100); // c's count not known yet
      h.processElement(ItemSignal.neighbourShoppers("a", "c", 9), 100); // ... and now it is
      h.processElement(ItemSignal.neighbourShoppers("a", "x", 5), 100); // x: not a neighbour

      watermark(h, 99);
      assertThat(h.extractOutputValues()).isEmpty();
      watermark(h, 100);
      List<ItemFeatures> out = h.extractOutputValues();
      assertThat(out).hasSize(1);
      ItemFeatures a = out.getFirst();
      assertThat(a.id()).isEqualTo("a");
      assertThat(a.item().title()).isEqualTo("title of a");
      assertThat(a.shoppers()).isEqualTo(2);
      assertThat(a.modelVersion()).isEqualTo(1);
      assertThat(a.vectorSource()).isEqualTo(ItemFeatures.VectorSource.BEHAVIOUR);
      // b: 2 / sqrt(2 * 4) = 0.7071; c: 2 / sqrt(2 * 9) = 0.4714
      assertCoViews(a.coViews(), "b", 2, 2 / Math.sqrt(8), "c", 2, 2 / Math.sqrt(18));
    }
  }

  @Test
  void aNeighboursNewCountAloneUpdatesTheScoreOnlyAtTheItemsNextChange() throws Exception {
    try (var h = opened(settings())) {
      h.processBroadcastElement(TestModels.publish(model(1, "a", "b")), 0);
      h.processElement(ItemSignal.shoppers("a", 4), 10);
      h.processElement(ItemSignal.neighbour("a", "b", 1, 1), 10);
      watermark(h, 10);
      assertCoViews(h.extractOutputValues().getLast().coViews(), "b", 1, 1 / Math.sqrt(4));

      h.processElement(ItemSignal.neighbourShoppers("a", "b", 9), 20);
      watermark(h, 20);
      assertThat(h.extractOutputValues()).as("no timer for a neighbour's count").hasSize(1);

      h.processElement(ItemSignal.shoppers("a", 5), 30);
      watermark(h, 30);
      // b's count as sent meanwhile: 1 / sqrt(5 * 9)
      assertCoViews(h.extractOutputValues().getLast().coViews(), "b", 1, 1 / Math.sqrt(45));
    }
  }

  @Test
  void anItemWithoutItsOwnShopperCountOrWithoutAVectorIsNotEmitted() throws Exception {
    try (var h = opened(settings())) {
      h.processBroadcastElement(TestModels.publish(model(1, "a", "b")), 0);
      h.processElement(
          ItemSignal.neighbour("a", "b", 1), 10); // its shopper count has not arrived yet
      h.processElement(ItemSignal.shoppers("new", 3), 10); // the model has no vector for it
      watermark(h, 10);
      assertThat(h.extractOutputValues()).isEmpty();

      h.processElement(ItemSignal.shoppers("a", 1), 20);
      watermark(h, 20);
      assertThat(h.extractOutputValues()).extracting(ItemFeatures::id).containsExactly("a");
    }
  }

  @Test
  void aNewerModelReEmitsEveryItemAndAnOlderOneArrivingLateIsIgnored() throws Exception {
    try (var h = opened(settings())) {
      h.processBroadcastElement(TestModels.publish(model(2, "a", "b")), 0);
      h.processElement(ItemSignal.shoppers("a", 1), 10);
      h.processElement(ItemSignal.shoppers("b", 1), 10);
      watermark(h, 10);
      assertThat(h.extractOutputValues())
          .extracting(ItemFeatures::modelVersion)
          .containsExactly(2L, 2L);

      h.processBroadcastElement(TestModels.publish(model(3, "a", "b")), 11);
      List<ItemFeatures> out = h.extractOutputValues();
      assertThat(out.subList(2, out.size()))
          .as("re-emitted at once, without a watermark")
          .extracting(ItemFeatures::id, ItemFeatures::modelVersion)
          .containsExactlyInAnyOrder(tuple("a", 3L), tuple("b", 3L));
      assertThat(out.get(2).vector()).containsExactly(model(3, "a").vectors().get("a"));

      h.processBroadcastElement(TestModels.publish(model(1, "a", "b")), 12);
      assertThat(h.extractOutputValues()).hasSize(4);
      assertThat(h.getBroadcastState(BuildItemFeatures.MODEL).get(UserProfiles.CURRENT).version())
          .isEqualTo(3);

      h.processElement(ItemSignal.shoppers("a", 5), 20);
      watermark(h, 20);
      assertThat(h.extractOutputValues().getLast().modelVersion()).isEqualTo(3);
    }
  }

  @Test
  void neighboursPastTheCapLoseTheLowestCountFirstTiesTheGreatestId() throws Exception {
    try (var h = opened(settings("features.stream.max-item-neighbours", "2"))) {
      h.processBroadcastElement(TestModels.publish(model(1, "a", "z")), 0);
      h.processElement(ItemSignal.shoppers("a", 10), 1);
      h.processElement(ItemSignal.neighbour("a", "b", 5), 1);
      h.processElement(ItemSignal.neighbour("a", "c", 1), 1);
      h.processElement(
          ItemSignal.neighbour("a", "b", 6), 1); // an update: still two neighbours, nothing goes
      h.processElement(ItemSignal.neighbour("a", "d", 3), 1); // three: c (1) goes
      h.processElement(ItemSignal.neighbourShoppers("a", "c", 100), 1); // c is not re-added
      // z: two neighbours with the same lowest count: the greater id goes
      h.processElement(ItemSignal.shoppers("z", 10), 1);
      h.processElement(ItemSignal.neighbour("z", "b", 5), 1);
      h.processElement(ItemSignal.neighbour("z", "x", 1), 1);
      h.processElement(ItemSignal.neighbour("z", "y", 1), 1);
      watermark(h, 1);
      Map<String, List<CoView>> byItem = new HashMap<>();
      h.extractOutputValues().forEach(f -> byItem.put(f.id(), f.coViews()));
      // unknown neighbour shopper counts default to the pair count: b = 6 / sqrt(10 * 6), d = 3 /
      // sqrt(10 * 3)
      assertCoViews(byItem.get("a"), "b", 6, 6 / Math.sqrt(60), "d", 3, 3 / Math.sqrt(30));
      assertCoViews(byItem.get("z"), "b", 5, 5 / Math.sqrt(50), "x", 1, 1 / Math.sqrt(10));
    }
  }

  @Test
  void keyedAndBroadcastStateSurviveASnapshotAndRestore() throws Exception {
    StreamSettings s = settings();
    OperatorSubtaskState snapshot;
    try (var h = opened(s)) {
      h.processBroadcastElement(TestModels.publish(model(7, "a", "b", "c")), 0);
      h.processElement(ItemSignal.shoppers("a", 2), 100);
      h.processElement(ItemSignal.neighbour("a", "b", 2, 4), 100);
      watermark(h, 100);
      assertThat(h.extractOutputValues()).hasSize(1);
      snapshot = h.snapshot(1, 1);
    }
    try (var h = harness(s)) {
      h.initializeState(snapshot);
      h.open();
      h.processElement(ItemSignal.neighbour("a", "c", 1, 8), 200);
      watermark(h, 200);
      List<ItemFeatures> out = h.extractOutputValues();
      assertThat(out).hasSize(1);
      ItemFeatures a = out.getFirst();
      assertThat(a.modelVersion()).as("the model from restored broadcast state").isEqualTo(7);
      assertThat(a.shoppers()).as("the own count from restored keyed state").isEqualTo(2);
      // b's pair count and b's shopper count are both restored: 2 / sqrt(2 * 4); c: 1 / sqrt(2 *
      // 8)
      assertCoViews(a.coViews(), "b", 2, 2 / Math.sqrt(8), "c", 1, 1 / Math.sqrt(16));
    }
  }

  /**
   * Writes keyed and broadcast state as the operator did while every shopper count and the whole
   * model were broadcast: a's own count 2 and its pair count 2 with b; the model; b's count 4.
   */
  static final class FormerItemState
      extends org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction<
          String, ItemSignal, ItemModel, ItemFeatures> {
    @Override
    public void processElement(
        ItemSignal sig, ReadOnlyContext ctx, org.apache.flink.util.Collector<ItemFeatures> out)
        throws Exception {
      getRuntimeContext().getState(BuildItemFeatures.OWN_SHOPPERS).update(2);
      getRuntimeContext()
          .getMapState(
              new org.apache.flink.api.common.state.MapStateDescriptor<>(
                  "neighbour-counts", Types.STRING, Types.INT))
          .put("b", 2);
      getRuntimeContext()
          .getState(
              new org.apache.flink.api.common.state.ValueStateDescriptor<>(
                  "neighbour-count", Types.INT))
          .update(1);
    }

    @Override
    public void processBroadcastElement(
        ItemModel m, Context ctx, org.apache.flink.util.Collector<ItemFeatures> out)
        throws Exception {
      ctx.getBroadcastState(BuildItemFeatures.LEGACY_MODEL).put(UserProfiles.CURRENT, m);
      ctx.getBroadcastState(BuildItemFeatures.LEGACY_SHOPPERS).put("b", 4);
    }
  }

  @Test
  void aSavepointOfTheBroadcastVersionRestoresKeepsNeighboursAndClearsTheOldBroadcasts()
      throws Exception {
    OperatorSubtaskState former;
    try (var h =
        new KeyedBroadcastOperatorTestHarness<>(
            new CoBroadcastWithKeyedOperator<>(
                new FormerItemState(),
                List.of(BuildItemFeatures.LEGACY_MODEL, BuildItemFeatures.LEGACY_SHOPPERS)),
            ItemSignal::item,
            Types.STRING,
            1,
            1,
            0)) {
      h.open();
      h.processBroadcastElement(model(7, "a", "b"), 0);
      h.processElement(ItemSignal.shoppers("a", 2), 0);
      former = h.snapshot(1, 1);
    }
    try (var h = harness(settings())) {
      h.initializeState(former);
      h.open();
      h.processElement(ItemSignal.shoppers("a", 3), 200);
      watermark(h, 200);
      ItemFeatures a = h.extractOutputValues().getLast();
      assertThat(a.modelVersion()).as("the model from the former broadcast state").isEqualTo(7);
      // the restored neighbour b; its count is not attached yet, so the pair count stands in:
      // 2 / sqrt(3 * 2)
      assertCoViews(a.coViews(), "b", 2, 2 / Math.sqrt(6));

      h.processBroadcastElement(TestModels.publish(model(8, "a", "b")), 300);
      assertThat(h.extractOutputValues().getLast().modelVersion()).isEqualTo(8);
      assertThat(h.getBroadcastState(BuildItemFeatures.LEGACY_MODEL).entries()).isEmpty();
      assertThat(h.getBroadcastState(BuildItemFeatures.LEGACY_SHOPPERS).entries()).isEmpty();
    }
  }
}
