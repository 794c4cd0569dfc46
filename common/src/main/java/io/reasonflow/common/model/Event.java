package io.reasonflow.common.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * One shopper interaction. Immutable; ids are opaque strings as the platform logs them.
 *
 * @param userId the shopper (never blank)
 * @param itemId the item (never blank)
 * @param type what the shopper did
 * @param eventTimeMs event time in epoch milliseconds (when it happened, not when it arrived)
 * @param sessionId the tracker's session id, or {@code null} when the source has none (sessions are
 *     then derived from event-time gaps)
 * @param text the review text the shopper wrote with this event, or {@code null} when the input has
 *     no review-text column ({@code input.columns.text}) or the field is blank; only reviews carry
 *     it in practice, and only the reason job's review aspects read it
 */
public record Event(
    String userId, String itemId, EventType type, long eventTimeMs, String sessionId, String text)
    implements Serializable {

  public Event {
    requireId(userId, "userId");
    requireId(itemId, "itemId");
    Objects.requireNonNull(type, "type");
    if (sessionId != null && sessionId.isBlank()) {
      sessionId = null;
    }
    if (text != null && text.isBlank()) {
      text = null;
    }
  }

  public Event(String userId, String itemId, EventType type, long eventTimeMs, String sessionId) {
    this(userId, itemId, type, eventTimeMs, sessionId, null);
  }

  /**
   * This event without its review text: the feature job keeps events in state and no feature reads
   * the text, so it is dropped at the door rather than carried through every shuffle.
   */
  public Event withoutText() {
    return text == null ? this : new Event(userId, itemId, type, eventTimeMs, sessionId, null);
  }

  public Event(String userId, String itemId, EventType type, long eventTimeMs) {
    this(userId, itemId, type, eventTimeMs, null, null);
  }

  private static void requireId(String id, String name) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
