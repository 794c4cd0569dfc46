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
 */
public record Event(
    String userId, String itemId, EventType type, long eventTimeMs, String sessionId)
    implements Serializable {

  public Event {
    requireId(userId, "userId");
    requireId(itemId, "itemId");
    Objects.requireNonNull(type, "type");
    if (sessionId != null && sessionId.isBlank()) {
      sessionId = null;
    }
  }

  public Event(String userId, String itemId, EventType type, long eventTimeMs) {
    this(userId, itemId, type, eventTimeMs, null);
  }

  private static void requireId(String id, String name) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
