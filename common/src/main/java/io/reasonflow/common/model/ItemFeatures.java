package io.reasonflow.common.model;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the feature job knows about an item, as written to the embedding index.
 *
 * @param item catalogue metadata
 * @param vector the item embedding (item2vec, or the title-based content vector for cold items)
 * @param modelVersion version of the embedding model that produced {@code vector}
 * @param vectorSource where the vector came from: {@link VectorSource#BEHAVIOUR} or {@link
 *     VectorSource#CONTENT}
 * @param shoppers distinct shoppers who interacted with the item (its popularity)
 * @param coViews top co-view neighbours, strongest first
 */
public record ItemFeatures(
    Item item,
    float[] vector,
    long modelVersion,
    VectorSource vectorSource,
    int shoppers,
    List<CoView> coViews)
    implements Serializable {

  /** How an item's vector was made. */
  public enum VectorSource {
    /** Learned by item2vec from shopper sequences. */
    BEHAVIOUR,
    /** Projected from the item's title words (cold start: item2vec has not seen the item yet). */
    CONTENT
  }

  public ItemFeatures {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(vector, "vector");
    Objects.requireNonNull(vectorSource, "vectorSource");
    coViews = coViews == null ? List.of() : List.copyOf(coViews);
  }

  public String id() {
    return item.id();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ItemFeatures other
        && item.equals(other.item)
        && Arrays.equals(vector, other.vector)
        && modelVersion == other.modelVersion
        && vectorSource == other.vectorSource
        && shoppers == other.shoppers
        && coViews.equals(other.coViews);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        item, Arrays.hashCode(vector), modelVersion, vectorSource, shoppers, coViews);
  }

  @Override
  public String toString() {
    return "ItemFeatures["
        + item.id()
        + ", dim="
        + vector.length
        + ", v"
        + modelVersion
        + ", "
        + vectorSource
        + ", shoppers="
        + shoppers
        + ", coViews="
        + coViews.size()
        + "]";
  }
}
