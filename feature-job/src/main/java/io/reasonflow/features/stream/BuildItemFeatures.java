package io.reasonflow.features.stream;

import io.reasonflow.common.model.CoView;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.features.core.CoViews;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Assembles an item's {@link ItemFeatures} from its shopper count, its co-view counts and the
 * current model.
 *
 * <p>Changes are coalesced: a signal registers an event-time timer at its own timestamp, and the
 * item is emitted once when the watermark passes, however many signals arrived for that time.
 * Scores are {@link CoViews#score} with each neighbour's shopper count as {@link AttachShoppers}
 * sent it by then: attached to the pair count, and again whenever the neighbour's count changes (a
 * {@link ItemSignal.Kind#NEIGHBOUR_SHOPPERS} signal updates the count without a timer, so a
 * neighbour that gains shoppers later re-scores this item at this item's next change; counts are
 * always exact). Items the model has no vector for are not emitted (the index needs a vector), as
 * in the backfill; a newer model re-emits every item.
 *
 * <p>Neighbours kept per item are capped at {@code maxNeighbours} (the lowest counts go first; the
 * top {@code features.coview.top-n} are what the index gets). Metrics: {@code itemsEmitted}, {@code
 * itemsWithoutVector}, gauge {@code modelVersion}.
 */
public final class BuildItemFeatures
    extends KeyedBroadcastProcessFunction<String, ItemSignal, ModelRef, ItemFeatures> {
  private static final long serialVersionUID = 1L;

  /** The current model's reference: as {@link UserProfiles#MODEL}, one broadcast for both. */
  public static final MapStateDescriptor<String, ModelRef> MODEL = UserProfiles.MODEL;

  /** The whole model, as broadcast state held it before models became files: cleared. */
  public static final MapStateDescriptor<String, ItemModel> LEGACY_MODEL =
      UserProfiles.LEGACY_MODEL;

  /**
   * The broadcast shopper counts of every item, in savepoints taken before the counts were joined
   * by key ({@link AttachShoppers}). Still registered so that such a savepoint restores, and
   * cleared at the first model that arrives, so it leaves the checkpoints.
   */
  public static final MapStateDescriptor<String, Integer> LEGACY_SHOPPERS =
      new MapStateDescriptor<>("all-item-shoppers", Types.STRING, Types.INT);

  static final ValueStateDescriptor<Integer> OWN_SHOPPERS =
      new ValueStateDescriptor<>("shoppers", Types.INT);

  private final StreamSettings s;
  private transient ValueState<Integer> shoppers;
  private transient MapState<String, Integer> neighbours;
  private transient MapState<String, Integer> neighbourShoppers;
  private transient ValueState<Integer> neighbourCount;
  private transient Counter emitted;
  private transient Counter withoutVector;
  private transient volatile long modelVersion;
  private transient LoadedModel loaded;

  public BuildItemFeatures(StreamSettings s) {
    this.s = s;
  }

  @Override
  public void open(OpenContext ctx) {
    shoppers = getRuntimeContext().getState(OWN_SHOPPERS);
    loaded = new LoadedModel();
    neighbours =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("neighbour-counts", Types.STRING, Types.INT));
    neighbourShoppers =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("neighbour-shoppers", Types.STRING, Types.INT));
    neighbourCount =
        getRuntimeContext().getState(new ValueStateDescriptor<>("neighbour-count", Types.INT));
    var m = getRuntimeContext().getMetricGroup();
    emitted = m.counter("itemsEmitted");
    withoutVector = m.counter("itemsWithoutVector");
    m.gauge("modelVersion", () -> modelVersion);
  }

  @Override
  public void processElement(ItemSignal sig, ReadOnlyContext ctx, Collector<ItemFeatures> out)
      throws Exception {
    switch (sig.kind()) {
      case SHOPPERS -> shoppers.update(sig.count());
      case NEIGHBOUR -> {
        Integer before = neighbours.get(sig.other());
        neighbours.put(sig.other(), sig.count());
        if (sig.otherShoppers() > 0) {
          neighbourShoppers.put(sig.other(), sig.otherShoppers());
        }
        if (before == null) {
          int n = (neighbourCount.value() == null ? 0 : neighbourCount.value()) + 1;
          if (n > s.maxItemNeighbours()) {
            neighbourShoppers.remove(WeakestNeighbour.remove(neighbours));
            n--;
          }
          neighbourCount.update(n);
        }
      }
      case NEIGHBOUR_SHOPPERS -> {
        // only for a neighbour still kept; no timer: it re-scores at this item's next change
        if (neighbours.contains(sig.other())) {
          neighbourShoppers.put(sig.other(), sig.count());
        }
        return;
      }
    }
    Long ts = ctx.timestamp();
    ctx.timerService()
        .registerEventTimeTimer(ts == null ? ctx.timerService().currentWatermark() + 1 : ts);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ItemFeatures> out)
      throws Exception {
    emit(
        ctx.getCurrentKey(),
        loaded.current(ctx.getBroadcastState(MODEL), ctx.getBroadcastState(LEGACY_MODEL)),
        out);
  }

  private void emit(String item, ItemModel model, Collector<ItemFeatures> out) throws Exception {
    Integer own = shoppers.value();
    if (own == null) {
      return; // co-view signals can overtake the item's own shopper count; it follows right behind
    }
    if (model != null) {
      modelVersion = model.version();
    }
    float[] vector = model == null ? null : model.vectors().get(item);
    if (vector == null) {
      withoutVector.inc();
      return;
    }
    Map<String, Integer> pairCounts = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    counts.put(item, own);
    for (Map.Entry<String, Integer> e : neighbours.entries()) {
      pairCounts.put(CoViewTable.key(item, e.getKey()), e.getValue());
      Integer theirs = neighbourShoppers.get(e.getKey());
      if (theirs != null) {
        counts.put(e.getKey(), theirs);
      }
    }
    List<CoView> coViews =
        CoViews.neighbours(pairCounts, counts, s.features().coViewTopN())
            .getOrDefault(item, List.of());
    out.collect(
        new ItemFeatures(
            model.item(item),
            vector,
            model.version(),
            ItemFeatures.VectorSource.BEHAVIOUR,
            own,
            coViews));
    emitted.inc();
  }

  @Override
  public void processBroadcastElement(ModelRef ref, Context ctx, Collector<ItemFeatures> out)
      throws Exception {
    ctx.getBroadcastState(LEGACY_SHOPPERS).clear();
    BroadcastState<String, ModelRef> state = ctx.getBroadcastState(MODEL);
    if (!LoadedModel.isNewer(ref, state, ctx.getBroadcastState(LEGACY_MODEL))) {
      return;
    }
    ItemModel model = loaded.get(ref);
    state.put(UserProfiles.CURRENT, ref);
    ctx.getBroadcastState(LEGACY_MODEL).clear();
    modelVersion = model.version();
    // applyToKeyedState sets each key as the current key, so this item's other keyed state reads
    // correctly
    ctx.applyToKeyedState(OWN_SHOPPERS, (item, own) -> emit(item, model, out));
  }
}
