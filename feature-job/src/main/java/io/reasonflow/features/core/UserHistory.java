package io.reasonflow.features.core;

import io.reasonflow.common.model.Event;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One shopper's events, de-duplicated and in time order, cut into sessions. This is the unit every
 * later feature is computed from, so the batch job, a streaming job and the evaluator all agree on
 * it.
 *
 * <p>Definitions (the co-view test in the cli module recomputes from these):
 *
 * <ul>
 *   <li>Order: by event time, then item id, then event type (so equal timestamps, common in
 *       day-resolution logs, have one fixed order).
 *   <li>Exact duplicate: same user, item, type and event time as an earlier event; dropped.
 *   <li>Session: consecutive events (in that order) belong to one session while the gap to the
 *       previous event is at most the session gap and the tracker session id (when the input has
 *       one) does not change.
 *   <li>Session items: the session's item ids in order with immediate repeats collapsed (A A B A
 *       gives A B A), then only the last {@code max-items} of them.
 * </ul>
 *
 * @param userId the shopper
 * @param events kept events, ordered as above
 * @param sessions each session's items, as above, oldest session first
 * @param duplicates exact duplicates dropped
 */
public record UserHistory(
    String userId, List<Event> events, List<List<String>> sessions, int duplicates)
    implements Serializable {

  public static final Comparator<Event> ORDER =
      Comparator.comparingLong(Event::eventTimeMs)
          .thenComparing(Event::itemId)
          .thenComparing(Event::type);

  public UserHistory {
    events = List.copyOf(events);
    sessions = sessions.stream().map(List::copyOf).toList();
  }

  /**
   * Builds a history from a shopper's events in any order (they must all belong to {@code userId}).
   */
  public static UserHistory of(String userId, List<Event> raw, long gapMs, int maxItems) {
    List<Event> sorted = new ArrayList<>(raw);
    sorted.sort(ORDER);
    List<Event> kept = new ArrayList<>(sorted.size());
    int duplicates = 0;
    for (Event e : sorted) {
      Event prev = kept.isEmpty() ? null : kept.getLast();
      if (prev != null
          && prev.eventTimeMs() == e.eventTimeMs()
          && prev.itemId().equals(e.itemId())
          && prev.type() == e.type()) {
        duplicates++;
      } else {
        kept.add(e);
      }
    }
    List<List<String>> sessions = new ArrayList<>();
    List<String> current = new ArrayList<>();
    Event prev = null;
    for (Event e : kept) {
      boolean split =
          prev != null
              && (e.eventTimeMs() - prev.eventTimeMs() > gapMs
                  || !Objects.equals(prev.sessionId(), e.sessionId()));
      if (split) {
        sessions.add(cap(current, maxItems));
        current = new ArrayList<>();
      }
      if (current.isEmpty() || !current.getLast().equals(e.itemId())) {
        current.add(e.itemId());
      }
      prev = e;
    }
    if (!current.isEmpty()) {
      sessions.add(cap(current, maxItems));
    }
    return new UserHistory(userId, kept, sessions, duplicates);
  }

  private static List<String> cap(List<String> items, int maxItems) {
    return items.size() <= maxItems ? items : items.subList(items.size() - maxItems, items.size());
  }

  /** The item2vec sentences this shopper contributes. */
  public List<List<String>> sequences(FeatureSettings.SequenceMode mode) {
    if (mode == FeatureSettings.SequenceMode.SESSION) {
      return sessions;
    }
    List<String> all = new ArrayList<>();
    for (Event e : events) {
      if (all.isEmpty() || !all.getLast().equals(e.itemId())) {
        all.add(e.itemId());
      }
    }
    return List.of(all);
  }

  /** Distinct items the shopper interacted with, sorted. */
  public List<String> distinctItems() {
    return events.stream().map(Event::itemId).distinct().sorted().toList();
  }
}
