package io.reasonflow.bench.features;

import io.reasonflow.common.model.Event;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The streaming path's per-shopper work, one event at a time, as the benchmark measures it: session
 * cut (gap or tracker session change), session items (immediate repeats collapsed, the last {@code
 * maxItems} kept), co-view pairs this shopper has not counted before (a shopper counts a pair once,
 * as {@code CoViews} defines), and the decayed user vector ({@code Profiles}' weights, folded
 * incrementally: the old sum is decayed to the new event's time). The same class runs inside
 * Flink's keyed state and in the plain loop, so the two do identical work.
 */
public final class ShopperState implements Serializable {
  private static final long serialVersionUID = 1L;

  private long lastTimeMs = Long.MIN_VALUE;
  private String sessionId;
  private final List<String> session = new ArrayList<>();
  private final Set<String> counted = new HashSet<>();
  private float[] profile;
  private long profileTimeMs;
  private long events;

  /**
   * Folds {@code e} in.
   *
   * @param newPair receives each co-view pair key ("a\u0000b", a < b) the shopper counts for the
   *     first time
   */
  public void add(
      Event e,
      long gapMs,
      int maxItems,
      long halfLifeMs,
      Map<String, float[]> vectors,
      int dim,
      Consumer<String> newPair) {
    boolean split =
        lastTimeMs != Long.MIN_VALUE
            && (e.eventTimeMs() - lastTimeMs > gapMs || !Objects.equals(sessionId, e.sessionId()));
    if (split) {
      session.clear();
    }
    String item = e.itemId();
    if (session.isEmpty() || !session.getLast().equals(item)) {
      if (!session.contains(item)) {
        for (String other : session) {
          String key =
              item.compareTo(other) < 0 ? item + '\u0000' + other : other + '\u0000' + item;
          if (counted.add(key)) {
            newPair.accept(key);
          }
        }
      }
      session.add(item);
      if (session.size() > maxItems) {
        session.removeFirst();
      }
    }
    lastTimeMs = Math.max(lastTimeMs, e.eventTimeMs());
    sessionId = e.sessionId();
    events++;

    float[] v = vectors.get(item);
    if (v != null) {
      if (profile == null) {
        profile = new float[dim];
        profileTimeMs = e.eventTimeMs();
      }
      double w = e.type().defaultWeight();
      if (e.eventTimeMs() >= profileTimeMs) {
        float decay =
            (float) Math.pow(0.5, (double) (e.eventTimeMs() - profileTimeMs) / halfLifeMs);
        for (int k = 0; k < dim; k++) {
          profile[k] *= decay;
        }
        profileTimeMs = e.eventTimeMs();
      } else {
        w *= Math.pow(0.5, (double) (profileTimeMs - e.eventTimeMs()) / halfLifeMs);
      }
      for (int k = 0; k < dim; k++) {
        profile[k] += (float) (w * v[k]);
      }
    }
  }

  public long events() {
    return events;
  }
}
