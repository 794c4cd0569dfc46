package io.reasonflow.features.flink;

import java.io.Serializable;

/**
 * One fact about items the job hands back to the client: a co-view pair count, an item's shopper
 * count, or an item vector. One type for all three so that a single bounded result stream carries
 * them.
 *
 * @param kind which fact
 * @param key the item id, or for {@link Kind#PAIR} the {@code CoViewTable.key} of the pair
 * @param count shoppers (pair or item); 0 for a vector
 * @param vector the item vector, or {@code null}
 */
public record ItemFact(Kind kind, String key, long count, float[] vector) implements Serializable {
  public enum Kind {
    PAIR,
    SHOPPERS,
    VECTOR
  }

  public static ItemFact pair(String pairKey, long count) {
    return new ItemFact(Kind.PAIR, pairKey, count, null);
  }

  public static ItemFact shoppers(String item, long count) {
    return new ItemFact(Kind.SHOPPERS, item, count, null);
  }

  public static ItemFact vector(String item, float[] vector) {
    return new ItemFact(Kind.VECTOR, item, 0, vector);
  }

  /**
   * Key for summing counts: kind and key together, so a pair never meets an item of the same name.
   */
  public String sumKey() {
    return kind.name() + '\u0000' + key;
  }
}
