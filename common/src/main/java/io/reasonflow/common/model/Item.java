package io.reasonflow.common.model;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Catalogue metadata of an item. Everything but the id is optional: real catalogues have items with
 * no title (131 in the Beauty data), no brand and no category.
 *
 * @param id the item id
 * @param title display title, empty when unknown
 * @param brand brand, or {@code null}
 * @param categoryPath category path from the root, e.g. [Beauty, Makeup, Nails]; empty when unknown
 * @param price price in the catalogue's currency, or {@code NaN} when unknown
 */
public record Item(String id, String title, String brand, List<String> categoryPath, double price)
    implements Serializable {

  public Item {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("item id must not be blank");
    }
    title = title == null ? "" : title.strip();
    if (brand != null && brand.isBlank()) {
      brand = null;
    }
    categoryPath = categoryPath == null ? List.of() : List.copyOf(categoryPath);
  }

  public static Item ofTitle(String id, String title) {
    return new Item(id, title, null, List.of(), Double.NaN);
  }

  public boolean hasPrice() {
    return !Double.isNaN(price);
  }

  /**
   * The title, or the id where the catalogue has no title, so that a reason never names an empty
   * string.
   */
  public String displayName() {
    return title.isEmpty() ? "item " + id : title;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Item other
        && id.equals(other.id)
        && title.equals(other.title)
        && Objects.equals(brand, other.brand)
        && categoryPath.equals(other.categoryPath)
        && Double.compare(price, other.price) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, title, brand, categoryPath, price);
  }
}
