package io.reasonflow.features.flink;

import org.apache.flink.api.java.functions.KeySelector;

/** Keys pieces by their item. */
public final class ItemPieceKey implements KeySelector<ItemPiece, String> {
  private static final long serialVersionUID = 1L;

  @Override
  public String getKey(ItemPiece p) {
    return p.item();
  }
}
