package io.reasonflow.features.stream;

import io.reasonflow.common.store.CoViewTable;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Co-view count per pair, keyed by the pair's {@link CoViewTable#key}: each input is one shopper's first session
 * with the pair, so the count is the number of distinct shoppers ({@link io.reasonflow.features.core.CoViews}).
 * Each new total goes to both items as a {@link ItemSignal.Kind#NEIGHBOUR} signal.
 *
 * <p>One int per pair ever co-viewed, unless {@code features.stream.state-ttl} is set ({@link StateTtl}): then a
 * pair no shopper added to for that long is forgotten, and its next shopper starts it again at 1.
 */
public final class CountPairs extends KeyedProcessFunction<String, String, ItemSignal> {
  private static final long serialVersionUID = 1L;
  private final long stateTtlMs;
  private transient ValueState<Integer> count;

  /** @param stateTtlMs {@code features.stream.state-ttl} in milliseconds, 0 for none */
  public CountPairs(long stateTtlMs) {
    this.stateTtlMs = stateTtlMs;
  }

  @Override
  public void open(OpenContext ctx) {
    count = getRuntimeContext().getState(
        StateTtl.expireAfter(stateTtlMs, false, new ValueStateDescriptor<>("pair-shoppers", Types.INT)));
  }

  @Override
  public void processElement(String pair, Context ctx, Collector<ItemSignal> out) throws Exception {
    Integer c = count.value();
    int n = (c == null ? 0 : c) + 1;
    count.update(n);
    int tab = pair.indexOf('\t');
    String a = pair.substring(0, tab);
    String b = pair.substring(tab + 1);
    out.collect(ItemSignal.neighbour(a, b, n));
    out.collect(ItemSignal.neighbour(b, a, n));
  }
}
