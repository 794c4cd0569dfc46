package io.reasonflow.features.flink;

import org.apache.flink.api.common.functions.MapFunction;

/** An item's final shopper count as a piece of that item. */
public final class ShopperPieces implements MapFunction<ItemFact, ItemPiece> {
  private static final long serialVersionUID = 1L;

  @Override
  public ItemPiece map(ItemFact f) {
    return ItemPiece.shoppers(f.key(), Math.toIntExact(f.count()));
  }
}
