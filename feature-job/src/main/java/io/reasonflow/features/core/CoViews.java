package io.reasonflow.features.core;

import io.reasonflow.common.model.CoView;
import io.reasonflow.common.store.CoViewTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Co-view counting. Definition, exactly:
 *
 * <ul>
 *   <li>A shopper's pairs: every unordered pair {a, b}, a != b, of items that are both among the
 *       session items (see {@link UserHistory}) of at least one of the shopper's sessions. A
 *       shopper counts a pair once however many sessions have it.
 *   <li>count(a, b) = number of distinct shoppers whose pairs include {a, b}: the "N shoppers" a
 *       reason quotes.
 *   <li>shoppers(a) = number of distinct shoppers with at least one kept event on a (in any
 *       session, of any size).
 *   <li>score(a, b) = count(a, b) / sqrt(shoppers(a) * shoppers(b)).
 * </ul>
 */
public final class CoViews {
  /** An item's neighbours, strongest first: score, then count, then id. */
  public static final Comparator<CoView> STRONGEST =
      Comparator.comparingDouble(CoView::score)
          .reversed()
          .thenComparing(Comparator.comparingInt(CoView::count).reversed())
          .thenComparing(CoView::itemId);

  private CoViews() {}

  /** The shopper's pairs as {@link CoViewTable#key} strings, sorted. */
  public static Set<String> userPairs(UserHistory history) {
    Set<String> pairs = new TreeSet<>();
    for (List<String> session : history.sessions()) {
      List<String> items = new ArrayList<>(new LinkedHashSet<>(session));
      for (int i = 0; i < items.size(); i++) {
        for (int j = i + 1; j < items.size(); j++) {
          pairs.add(CoViewTable.key(items.get(i), items.get(j)));
        }
      }
    }
    return pairs;
  }

  public static double score(int count, int shoppersA, int shoppersB) {
    return count / Math.sqrt((double) shoppersA * shoppersB);
  }

  /**
   * Every item's neighbours, strongest first (score, then count, then id), at most {@code topN}
   * each ({@code topN <= 0}: all).
   */
  public static Map<String, List<CoView>> neighbours(
      Map<String, Integer> pairCounts, Map<String, Integer> shoppers, int topN) {
    Map<String, List<CoView>> out = new HashMap<>();
    for (Map.Entry<String, Integer> e : pairCounts.entrySet()) {
      String key = e.getKey();
      int tab = key.indexOf('\t');
      String a = key.substring(0, tab);
      String b = key.substring(tab + 1);
      int count = e.getValue();
      double s = score(count, shoppers.getOrDefault(a, count), shoppers.getOrDefault(b, count));
      out.computeIfAbsent(a, k -> new ArrayList<>()).add(new CoView(b, count, s));
      out.computeIfAbsent(b, k -> new ArrayList<>()).add(new CoView(a, count, s));
    }
    for (Map.Entry<String, List<CoView>> e : out.entrySet()) {
      List<CoView> list = e.getValue();
      list.sort(STRONGEST);
      if (topN > 0 && list.size() > topN) {
        e.setValue(new ArrayList<>(list.subList(0, topN)));
      }
    }
    return out;
  }
}
