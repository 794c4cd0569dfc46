package io.reasonflow.reasons.evidence;

import io.reasonflow.reasons.ReasonSettings;
import java.util.Arrays;

/**
 * Popularity percentiles over the catalogue's shopper counts. The percentile of a count is the
 * fraction of items with strictly fewer shoppers, so ties (the 5-core Beauty data has many items
 * with exactly 5) share the lowest percentile and the least popular items are always HIDDEN_GEM.
 * BEST_SELLER from {@code bestSellerPercentile} up, HIDDEN_GEM below {@code hiddenGemPercentile},
 * POPULAR between.
 */
public final class PopularityScale {
  private final int[] sortedShoppers;
  private final double bestSellerPercentile;
  private final double hiddenGemPercentile;

  public PopularityScale(
      int[] shopperCounts, double bestSellerPercentile, double hiddenGemPercentile) {
    if (!(0 <= hiddenGemPercentile
        && hiddenGemPercentile <= bestSellerPercentile
        && bestSellerPercentile <= 1)) {
      throw new IllegalArgumentException(
          "need 0 <= hidden-gem <= best-seller <= 1, got "
              + hiddenGemPercentile
              + " and "
              + bestSellerPercentile);
    }
    this.sortedShoppers = shopperCounts.clone();
    Arrays.sort(this.sortedShoppers);
    this.bestSellerPercentile = bestSellerPercentile;
    this.hiddenGemPercentile = hiddenGemPercentile;
  }

  public static PopularityScale of(ItemCatalog catalog, ReasonSettings.EvidenceSettings settings) {
    int[] counts = catalog.all().stream().mapToInt(f -> f.shoppers()).toArray();
    return new PopularityScale(
        counts, settings.bestSellerPercentile(), settings.hiddenGemPercentile());
  }

  /** Fraction of catalogue items with strictly fewer shoppers than {@code shoppers}. */
  public double percentile(int shoppers) {
    if (sortedShoppers.length == 0) {
      return 0;
    }
    int lo = 0;
    int hi = sortedShoppers.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sortedShoppers[mid] < shoppers) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return (double) lo / sortedShoppers.length;
  }

  public PopularityBucket bucket(int shoppers) {
    double p = percentile(shoppers);
    if (p >= bestSellerPercentile) {
      return PopularityBucket.BEST_SELLER;
    }
    return p < hiddenGemPercentile ? PopularityBucket.HIDDEN_GEM : PopularityBucket.POPULAR;
  }

  /**
   * The share of items a BEST_SELLER is among the top of, in whole percent (5 for percentile 0.95).
   */
  public int bestSellerTopPercent() {
    return (int) Math.round((1 - bestSellerPercentile) * 100);
  }
}
