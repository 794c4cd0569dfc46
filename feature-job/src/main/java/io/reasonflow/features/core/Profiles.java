package io.reasonflow.features.core;

import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.Event;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.model.VectorMath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * User profiles. The vector is {@code normalise(sum_e w(e) * v(item(e)))} over the shopper's kept
 * events whose item has a vector, with {@code w(e) = typeWeight(e) * 0.5^((latest - time(e)) /
 * halfLife)}: decay is measured back from the shopper's own latest event, so a shopper who stopped
 * a year ago keeps a usable profile. (Dividing by the sum of weights would not change the
 * direction, so the L2 normalisation alone makes it the weighted average's direction.) A shopper
 * none of whose items has a vector gets an all-zero vector.
 */
public final class Profiles {
  private Profiles() {}

  public static UserProfile build(
      UserHistory h,
      Function<String, float[]> vectors,
      int dim,
      long modelVersion,
      int recentItems,
      long halfLifeMs) {
    List<Event> events = h.events();
    long latest = events.isEmpty() ? 0 : events.getLast().eventTimeMs();
    float[] acc = new float[dim];
    for (Event e : events) {
      float[] v = vectors.apply(e.itemId());
      if (v == null) {
        continue;
      }
      double w = weight(e, latest, halfLifeMs);
      for (int k = 0; k < dim; k++) {
        acc[k] += (float) (w * v[k]);
      }
    }
    if (!VectorMath.normalise(acc)) {
      acc = new float[dim];
    }
    return new UserProfile(
        h.userId(),
        acc,
        modelVersion,
        anchors(events, recentItems),
        h.distinctItems(),
        events.size(),
        latest);
  }

  public static double weight(Event e, long latestMs, long halfLifeMs) {
    return e.type().defaultWeight()
        * Math.pow(0.5, (double) (latestMs - e.eventTimeMs()) / halfLifeMs);
  }

  /**
   * The last {@code n} distinct items, newest first (by each item's latest event; ties by item id),
   * each with the strongest type the shopper had with it (by weight; ties by the later enum
   * constant).
   */
  public static List<Anchor> anchors(List<Event> events, int n) {
    Map<String, Long> last = new HashMap<>();
    Map<String, EventType> strongest = new HashMap<>();
    for (Event e : events) {
      last.merge(e.itemId(), e.eventTimeMs(), Math::max);
      strongest.merge(e.itemId(), e.type(), Profiles::stronger);
    }
    List<Anchor> all = new ArrayList<>();
    last.forEach((item, t) -> all.add(new Anchor(item, strongest.get(item), t)));
    all.sort(Comparator.comparingLong(Anchor::lastTimeMs).reversed().thenComparing(Anchor::itemId));
    return all.size() <= n ? all : List.copyOf(all.subList(0, n));
  }

  private static EventType stronger(EventType a, EventType b) {
    int c = Float.compare(a.defaultWeight(), b.defaultWeight());
    return c > 0 || c == 0 && a.ordinal() >= b.ordinal() ? a : b;
  }
}
