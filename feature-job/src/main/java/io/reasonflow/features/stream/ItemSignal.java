package io.reasonflow.features.stream;

import java.io.Serializable;

/**
 * A change to one item's figures, routed by {@link #item}: its shopper count, or its co-view count
 * with one neighbour. Counts are totals, not increments, so the latest signal wins.
 *
 * @param kind which figure
 * @param item the item the signal is about
 * @param other the neighbour for {@link Kind#NEIGHBOUR}, else {@code null}
 * @param count distinct shoppers of the item, or of the pair
 */
public record ItemSignal(Kind kind, String item, String other, int count) implements Serializable {
  public enum Kind {
    SHOPPERS,
    NEIGHBOUR
  }

  public static ItemSignal shoppers(String item, int count) {
    return new ItemSignal(Kind.SHOPPERS, item, null, count);
  }

  public static ItemSignal neighbour(String item, String other, int count) {
    return new ItemSignal(Kind.NEIGHBOUR, item, other, count);
  }
}
