package io.reasonflow.features.flink;

import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import java.io.Serializable;

/**
 * One piece of what the backfill knows about an item, keyed by {@link #item()}: the operators that
 * build an item's row ({@link AttachShoppers}, {@link AssembleItemFeatures}) take a union of
 * pieces, so one keyed input brings everything about one item to one subtask and nothing about the
 * others.
 *
 * @param kind which piece
 * @param item the item the piece is about (the key)
 * @param other {@link Kind#SIDE}: the pair's other item; {@link Kind#NEIGHBOUR}: the neighbour
 * @param count shoppers: of the item ({@link Kind#SHOPPERS}) or of the pair (SIDE, NEIGHBOUR)
 * @param otherShoppers {@link Kind#NEIGHBOUR}: the neighbour's shopper count
 * @param metadata {@link Kind#CATALOGUE}: the catalogue's entry
 * @param vector {@link Kind#VECTOR}: the item's vector, with {@code source}
 */
public record ItemPiece(
    Kind kind,
    String item,
    String other,
    int count,
    int otherShoppers,
    Item metadata,
    float[] vector,
    ItemFeatures.VectorSource source)
    implements Serializable {
  public enum Kind {
    /** The item's entry in the catalogue. */
    CATALOGUE,
    /** Distinct shoppers of the item. */
    SHOPPERS,
    /**
     * One side of a co-viewed pair, keyed by this side's item: its shopper count is still to be
     * attached.
     */
    SIDE,
    /** A co-view neighbour of the item, with the neighbour's shopper count attached. */
    NEIGHBOUR,
    /** The item's vector (item2vec, or a content vector for a cold catalogue item). */
    VECTOR
  }

  public static ItemPiece catalogue(Item item) {
    return new ItemPiece(Kind.CATALOGUE, item.id(), null, 0, 0, item, null, null);
  }

  public static ItemPiece shoppers(String item, int count) {
    return new ItemPiece(Kind.SHOPPERS, item, null, count, 0, null, null, null);
  }

  public static ItemPiece side(String item, String other, int count) {
    return new ItemPiece(Kind.SIDE, item, other, count, 0, null, null, null);
  }

  public static ItemPiece neighbour(
      String item, String neighbour, int count, int neighbourShoppers) {
    return new ItemPiece(
        Kind.NEIGHBOUR, item, neighbour, count, neighbourShoppers, null, null, null);
  }

  public static ItemPiece vector(String item, float[] vector, ItemFeatures.VectorSource source) {
    return new ItemPiece(Kind.VECTOR, item, null, 0, 0, null, vector, source);
  }
}
