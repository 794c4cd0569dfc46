package io.reasonflow.features.stream;

import org.apache.flink.api.common.functions.MapFunction;

/** Wraps an item's new shopper count for the item subtasks' broadcast input. */
public final class ShoppersBroadcast implements MapFunction<ItemSignal, ItemBroadcast> {
  private static final long serialVersionUID = 1L;

  @Override
  public ItemBroadcast map(ItemSignal s) {
    return ItemBroadcast.shoppers(s.item(), s.count());
  }
}
