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
  /** The catalogue's shopper counts, once per catalogue: a pass over every item. */
  private static final ItemCatalog.Derived<Counts> CATALOGUE_COUNTS =
      new ItemCatalog.Derived<>(c -> Counts.of(c.shopperCounts().toArray()));

  private final Counts counts;
  private final double bestSellerPercentile;
  private final double hiddenGemPercentile;

  public PopularityScale(
      int[] shopperCounts, double bestSellerPercentile, double hiddenGemPercentile) {
    this(Counts.of(shopperCounts), bestSellerPercentile, hiddenGemPercentile);
  }

  private PopularityScale(Counts counts, double bestSellerPercentile, double hiddenGemPercentile) {
    if (!(0 <= hiddenGemPercentile
        && hiddenGemPercentile <= bestSellerPercentile
        && bestSellerPercentile <= 1)) {
      throw new IllegalArgumentException(
          "need 0 <= hidden-gem <= best-seller <= 1, got "
              + hiddenGemPercentile
              + " and "
              + bestSellerPercentile);
    }
    this.counts = counts;
    this.bestSellerPercentile = bestSellerPercentile;
    this.hiddenGemPercentile = hiddenGemPercentile;
  }

  public static PopularityScale of(ItemCatalog catalog, ReasonSettings.EvidenceSettings settings) {
    return new PopularityScale(
        catalog.derived(CATALOGUE_COUNTS),
        settings.bestSellerPercentile(),
        settings.hiddenGemPercentile());
  }

  /**
   * The distinct shopper counts, ascending, each with the number of items below it: as many entries
   * as there are distinct counts (a few thousand at 200,000 items), not one per item.
   */
  private record Counts(int[] values, int[] fewer, int items) {
    static Counts of(int[] shopperCounts) {
      int[] sorted = shopperCounts.clone();
      Arrays.sort(sorted);
      int distinct = 0;
      for (int i = 0; i < sorted.length; i++) {
        if (i == 0 || sorted[i] != sorted[i - 1]) {
          distinct++;
        }
      }
      int[] values = new int[distinct];
      int[] fewer = new int[distinct];
      int k = 0;
      for (int i = 0; i < sorted.length; i++) {
        if (i == 0 || sorted[i] != sorted[i - 1]) {
          values[k] = sorted[i];
          fewer[k++] = i;
        }
      }
      return new Counts(values, fewer, sorted.length);
    }

    /** Items with strictly fewer shoppers than {@code shoppers}. */
    int below(int shoppers) {
      int lo = 0;
      int hi = values.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (values[mid] < shoppers) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo < values.length ? fewer[lo] : items;
    }
  }

  /** Fraction of catalogue items with strictly fewer shoppers than {@code shoppers}. */
  public double percentile(int shoppers) {
    if (counts.items() == 0) {
      return 0;
    }
    return (double) counts.below(shoppers) / counts.items();
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
