package io.reasonflow.features.stream;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The keyed join of shopper counts onto co-view pairs, keyed by item: the streaming form of the
 * backfill's {@code attach-shoppers}. For item x it keeps x's shopper count ({@link CountShoppers})
 * and x's neighbours, and
 *
 * <ul>
 *   <li>forwards x's own count to x ({@link ItemSignal.Kind#SHOPPERS});
 *   <li>forwards each pair side (x, y, n) to y with x's count attached: (y, x, n, shoppers(x)), so
 *       {@link BuildItemFeatures} at y has both factors of the score;
 *   <li>when x's count changes, sends it to each neighbour y it keeps ({@link
 *       ItemSignal.Kind#NEIGHBOUR_SHOPPERS}), so y scores x with x's latest count at y's next
 *       change, as it did when every count was broadcast to every subtask.
 * </ul>
 *
 * <p>A pair side can overtake x's own count (they come from different operators): it then leaves
 * with count 0 (not known), and the count follows to y as soon as it arrives, since y is kept.
 *
 * <p>State per item: one count and up to {@code features.stream.max-item-neighbours} neighbours
 * with their pair counts (past the cap the weakest goes, {@link WeakestNeighbour}; a dropped
 * neighbour y no longer hears of x's count changes, and scores x with the count it last had, until
 * the pair count changes again). So bounded by the catalogue, like {@code item-features}.
 */
public final class AttachShoppers extends KeyedProcessFunction<String, ItemSignal, ItemSignal> {
  private static final long serialVersionUID = 1L;
  static final ValueStateDescriptor<Integer> OWN_SHOPPERS =
      new ValueStateDescriptor<>("shoppers", Types.INT);
  static final MapStateDescriptor<String, Integer> NEIGHBOURS =
      new MapStateDescriptor<>("neighbour-counts", Types.STRING, Types.INT);

  private final int maxNeighbours;
  private transient ValueState<Integer> shoppers;
  private transient MapState<String, Integer> neighbours;
  private transient ValueState<Integer> neighbourCount;

  public AttachShoppers(StreamSettings s) {
    this.maxNeighbours = s.maxItemNeighbours();
  }

  @Override
  public void open(OpenContext ctx) {
    shoppers = getRuntimeContext().getState(OWN_SHOPPERS);
    neighbours = getRuntimeContext().getMapState(NEIGHBOURS);
    neighbourCount =
        getRuntimeContext().getState(new ValueStateDescriptor<>("neighbour-count", Types.INT));
  }

  @Override
  public void processElement(ItemSignal sig, Context ctx, Collector<ItemSignal> out)
      throws Exception {
    switch (sig.kind()) {
      case SHOPPERS -> {
        shoppers.update(sig.count());
        out.collect(sig);
        for (String neighbour : neighbours.keys()) {
          out.collect(ItemSignal.neighbourShoppers(neighbour, sig.item(), sig.count()));
        }
      }
      case NEIGHBOUR -> {
        Integer before = neighbours.get(sig.other());
        neighbours.put(sig.other(), sig.count());
        if (before == null) {
          int n = (neighbourCount.value() == null ? 0 : neighbourCount.value()) + 1;
          if (n > maxNeighbours) {
            WeakestNeighbour.remove(neighbours);
            n--;
          }
          neighbourCount.update(n);
        }
        Integer own = shoppers.value();
        out.collect(
            ItemSignal.neighbour(sig.other(), sig.item(), sig.count(), own == null ? 0 : own));
      }
      case NEIGHBOUR_SHOPPERS ->
          throw new IllegalArgumentException("attach-shoppers takes counts and pair sides: " + sig);
    }
  }
}
