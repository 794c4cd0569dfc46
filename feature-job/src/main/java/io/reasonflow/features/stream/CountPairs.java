package io.reasonflow.features.stream;

import io.reasonflow.common.store.CoViewTable;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.util.Collector;

/**
 * Co-view count per pair, keyed by the pair's {@link CoViewTable#key}: each input is one shopper's
 * first session with the pair, so the count is the number of distinct shoppers ({@link
 * io.reasonflow.features.core.CoViews}). Each new total goes to both items as a {@link
 * ItemSignal.Kind#NEIGHBOUR} signal.
 *
 * <p>One int per pair ever co-viewed, unless {@code features.stream.state-ttl} is set ({@link
 * StateTtl}): then a pair no shopper added to for that long is forgotten, and its next shopper
 * starts it again at 1.
 */
public final class CountPairs extends DistinctShopperCount {
  private static final long serialVersionUID = 1L;
  private final long stateTtlMs;

  /**
   * @param stateTtlMs {@code features.stream.state-ttl} in milliseconds, 0 for none
   */
  public CountPairs(long stateTtlMs) {
    super("pair-shoppers");
    this.stateTtlMs = stateTtlMs;
  }

  @Override
  protected ValueStateDescriptor<Integer> stateDescriptor() {
    return StateTtl.expireAfter(stateTtlMs, false, super.stateDescriptor());
  }

  @Override
  protected void emit(String pair, int shoppers, Collector<ItemSignal> out) {
    int tab = pair.indexOf('\t');
    String a = pair.substring(0, tab);
    String b = pair.substring(tab + 1);
    out.collect(ItemSignal.neighbour(a, b, shoppers));
    out.collect(ItemSignal.neighbour(b, a, shoppers));
  }
}
