package io.reasonflow.cli;

import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.CoView;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the shoppers the demo shows: those whose recent items have the most co-view partners that
 * may be quoted (backed by at least the privacy threshold of shoppers), so that their reasons can
 * cite real figures. Shoppers with a thin history get reasons too, but they cite similarity rather
 * than figures, which shows less of the system.
 */
final class DemoUsers {
  private DemoUsers() {}

  /**
   * Up to {@code n} shopper ids, best first; ties broken by id so the demo is the same on every
   * run.
   */
  static List<String> pick(FeatureLayout layout, int minShoppers, int n) {
    // read as the few fields this needs: the vectors (most of each line) are skipped, not parsed
    Map<String, List<CoView>> coViews = new HashMap<>();
    JsonLines.forEach(
        layout.items(), ItemCoViews.class, f -> coViews.put(f.item().id(), f.coViews()));
    List<Scored> scored = new ArrayList<>();
    JsonLines.forEach(
        layout.profiles(),
        ProfileAnchors.class,
        p -> scored.add(new Scored(p.userId(), quotableAnchors(p, coViews, minShoppers))));
    return scored.stream()
        .filter(s -> s.score > 0)
        .sorted(Comparator.comparingInt(Scored::score).reversed().thenComparing(Scored::userId))
        .limit(n)
        .map(Scored::userId)
        .toList();
  }

  /**
   * How many of the shopper's anchors have at least one co-view partner the shopper has not seen.
   */
  private static int quotableAnchors(
      ProfileAnchors p, Map<String, List<CoView>> coViews, int minShoppers) {
    Set<String> seen = new HashSet<>(p.seenItems());
    int n = 0;
    for (Anchor a : p.recent()) {
      boolean quotable =
          coViews.getOrDefault(a.itemId(), List.of()).stream()
              .anyMatch(c -> c.count() >= minShoppers && !seen.contains(c.itemId()));
      n += quotable ? 1 : 0;
    }
    return n;
  }

  private record Scored(String userId, int score) {}

  /** An item features line's id and co-view partners. */
  record ItemCoViews(ItemId item, List<CoView> coViews) {
    ItemCoViews {
      coViews = coViews == null ? List.of() : coViews;
    }
  }

  record ItemId(String id) {}

  /** A profile line's shopper, recent anchors and seen items. */
  record ProfileAnchors(String userId, List<Anchor> recent, List<String> seenItems) {
    ProfileAnchors {
      recent = recent == null ? List.of() : recent;
      seenItems = seenItems == null ? List.of() : seenItems;
    }
  }
}
