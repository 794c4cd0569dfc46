package io.reasonflow.reasons.explain;

import java.util.Objects;

/**
 * An item's catalogue row ({@code items.tsv.gz}: item_id, title, brand, category).
 *
 * @param category the category path, "A > B > C", or ""
 */
public record CatalogueEntry(String itemId, String title, String brand, String category) {
  public CatalogueEntry {
    Objects.requireNonNull(itemId, "itemId");
    title = title == null ? "" : title.strip();
    brand = brand == null ? "" : brand.strip();
    category = category == null ? "" : category.strip();
  }

  /** The most specific category ("Instrument Cables"), or "". */
  public String categoryLeaf() {
    int gt = category.lastIndexOf('>');
    return (gt < 0 ? category : category.substring(gt + 1)).strip();
  }
}
