package io.reasonflow.features.stream;

import java.io.Serializable;

/**
 * A change to one item's figures, routed by {@link #item}: its shopper count, its co-view count
 * with one neighbour, or a neighbour's shopper count. Counts are totals, not increments, so the
 * latest signal wins.
 *
 * <p>A co-view pair count travels twice: {@link CountPairs} sends it as two pair sides, (a, b, n)
 * to a and (b, a, n) to b, without shopper counts ({@code otherShoppers} 0); {@link AttachShoppers}
 * at a attaches a's shopper count and forwards the side to b, as (b, a, n, shoppers(a)). So {@link
 * BuildItemFeatures} at b has both factors of the score without a join in one place.
 *
 * @param kind which figure
 * @param item the item the signal is about (its key)
 * @param other the neighbour for {@link Kind#NEIGHBOUR} and {@link Kind#NEIGHBOUR_SHOPPERS}, else
 *     {@code null}
 * @param count distinct shoppers of the item ({@link Kind#SHOPPERS}), of the pair ({@link
 *     Kind#NEIGHBOUR}), or of the neighbour ({@link Kind#NEIGHBOUR_SHOPPERS})
 * @param otherShoppers for {@link Kind#NEIGHBOUR}: the neighbour's shopper count as {@link
 *     AttachShoppers} knew it, 0 when not attached (a pair side) or not known yet
 */
public record ItemSignal(Kind kind, String item, String other, int count, int otherShoppers)
    implements Serializable {
  public enum Kind {
    SHOPPERS,
    NEIGHBOUR,
    NEIGHBOUR_SHOPPERS
  }

  public static ItemSignal shoppers(String item, int count) {
    return new ItemSignal(Kind.SHOPPERS, item, null, count, 0);
  }

  /** A pair side as {@link CountPairs} sends it: no shopper count attached yet. */
  public static ItemSignal neighbour(String item, String other, int count) {
    return new ItemSignal(Kind.NEIGHBOUR, item, other, count, 0);
  }

  /** A pair side with the neighbour's shopper count attached (0: not known yet). */
  public static ItemSignal neighbour(String item, String other, int count, int otherShoppers) {
    return new ItemSignal(Kind.NEIGHBOUR, item, other, count, otherShoppers);
  }

  /** {@code other}'s new shopper count, for {@code item}, which has it as a neighbour. */
  public static ItemSignal neighbourShoppers(String item, String other, int shoppers) {
    return new ItemSignal(Kind.NEIGHBOUR_SHOPPERS, item, other, shoppers, 0);
  }
}
