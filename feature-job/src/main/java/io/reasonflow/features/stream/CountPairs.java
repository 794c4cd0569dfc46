package io.reasonflow.features.stream;

import io.reasonflow.common.store.CoViewTable;
import org.apache.flink.util.Collector;

/**
 * Co-view count per pair, keyed by the pair's {@link CoViewTable#key}: each input is one shopper's first session
 * with the pair, so the count is the number of distinct shoppers ({@link io.reasonflow.features.core.CoViews}).
 * Each new total goes to both items as a {@link ItemSignal.Kind#NEIGHBOUR} signal.
 */
public final class CountPairs extends DistinctShopperCount {
  private static final long serialVersionUID = 1L;

  public CountPairs() {
    super("pair-shoppers");
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
