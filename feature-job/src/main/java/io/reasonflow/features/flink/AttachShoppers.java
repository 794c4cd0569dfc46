package io.reasonflow.features.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by item a: takes a's shopper count and every side (a, b, n) of a's pairs, and sends each on
 * as neighbour a of b, carrying shoppers(a), keyed by b. With {@link AssembleItemFeatures} (keyed
 * by b, which knows shoppers(b)) this computes {@code n / sqrt(shoppers(a) * shoppers(b))} without
 * any operator holding more than one item's pairs.
 *
 * <p>The two kinds of piece may arrive in any order within a key, so sides wait in keyed state
 * until the key ends (BATCH mode fires a key's timers when its input is done); state is one item's
 * pairs, cleared at that point.
 */
public final class AttachShoppers extends KeyedProcessFunction<String, ItemPiece, ItemPiece> {
  private static final long serialVersionUID = 1L;
  private transient ValueState<Integer> shoppers;
  private transient ListState<ItemPiece> sides;

  @Override
  public void open(OpenContext ctx) {
    shoppers = getRuntimeContext().getState(new ValueStateDescriptor<>("shoppers", Types.INT));
    sides =
        getRuntimeContext()
            .getListState(new ListStateDescriptor<>("sides", TypeInformation.of(ItemPiece.class)));
  }

  @Override
  public void processElement(ItemPiece p, Context ctx, Collector<ItemPiece> out) throws Exception {
    switch (p.kind()) {
      case SHOPPERS -> shoppers.update(p.count());
      case SIDE -> sides.add(p);
      default ->
          throw new IllegalArgumentException(
              "attach-shoppers takes shopper counts and pair sides, not " + p);
    }
    ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE); // the end of this key's input
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ItemPiece> out)
      throws Exception {
    Integer n = shoppers.value();
    for (ItemPiece side : sides.get()) {
      // every item of a pair has shoppers; the pair's own count is the floor CoViews used as a
      // default
      int mine = n == null ? side.count() : n;
      out.collect(ItemPiece.neighbour(side.other(), side.item(), side.count(), mine));
    }
    sides.clear();
    shoppers.clear();
  }
}
