package io.reasonflow.features.stream;

import org.apache.flink.util.Collector;

/**
 * Distinct shoppers per item: each input is one shopper's first session with the item ({@link
 * UserSessions} sends each shopper-item once), so the count is a plain sum. One int per item:
 * bounded by the catalogue.
 */
public final class CountShoppers extends DistinctShopperCount {
  private static final long serialVersionUID = 1L;

  public CountShoppers() {
    super("item-shoppers");
  }

  @Override
  protected void emit(String item, int shoppers, Collector<ItemSignal> out) {
    out.collect(ItemSignal.shoppers(item, shoppers));
  }
}
