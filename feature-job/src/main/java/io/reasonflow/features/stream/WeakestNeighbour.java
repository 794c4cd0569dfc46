package io.reasonflow.features.stream;

import java.util.Map;
import org.apache.flink.api.common.state.MapState;

/**
 * The cap on an item's neighbours ({@code features.stream.max-item-neighbours}): past it, the
 * neighbour with the lowest pair count goes (ties: the greatest id). One rule for {@link
 * AttachShoppers} and {@link BuildItemFeatures}, so both keep the same neighbours of an item when
 * they see its pair counts in the same order.
 */
final class WeakestNeighbour {
  private WeakestNeighbour() {}

  /** Removes the weakest entry of {@code pairCounts} (neighbour to pair count); returns its id. */
  static String remove(MapState<String, Integer> pairCounts) throws Exception {
    String weakest = null;
    int min = Integer.MAX_VALUE;
    for (Map.Entry<String, Integer> e : pairCounts.entries()) {
      if (e.getValue() < min || e.getValue() == min && e.getKey().compareTo(weakest) > 0) {
        min = e.getValue();
        weakest = e.getKey();
      }
    }
    pairCounts.remove(weakest);
    return weakest;
  }
}
