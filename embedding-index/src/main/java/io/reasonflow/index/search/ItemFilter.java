package io.reasonflow.index.search;

/**
 * Restricts hits by catalogue metadata; a null field does not restrict. Brand and category compare
 * case-insensitively, and category matches any level of an item's category path. Items with an
 * unknown price never match a price bound.
 *
 * @param category a category at any level of the path, or null
 * @param brand the brand, or null
 * @param minPrice lowest price, inclusive, or null
 * @param maxPrice highest price, inclusive, or null
 */
public record ItemFilter(String category, String brand, Double minPrice, Double maxPrice) {
  public static final ItemFilter NONE = new ItemFilter(null, null, null, null);

  public ItemFilter {
    category = blankToNull(category);
    brand = blankToNull(brand);
    if (minPrice != null && minPrice.isNaN()) {
      throw new IllegalArgumentException("minPrice must be a number");
    }
    if (maxPrice != null && maxPrice.isNaN()) {
      throw new IllegalArgumentException("maxPrice must be a number");
    }
    if (minPrice != null && maxPrice != null && minPrice > maxPrice) {
      throw new IllegalArgumentException("minPrice " + minPrice + " is above maxPrice " + maxPrice);
    }
  }

  public boolean isNone() {
    return category == null && brand == null && minPrice == null && maxPrice == null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
