package io.reasonflow.common.model;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A shopper's profile as the feature job keeps it.
 *
 * @param userId the shopper
 * @param vector decayed, event-type-weighted average of the vectors of the shopper's items
 * @param modelVersion embedding model version the vector is expressed in
 * @param recent the shopper's most recent distinct items, newest first (the anchors reasons cite)
 * @param seenItems every item the shopper interacted with (recommendations exclude them)
 * @param eventCount events folded into the profile
 * @param updatedAtMs event time of the latest event folded in
 */
public record UserProfile(
    String userId,
    float[] vector,
    long modelVersion,
    List<Anchor> recent,
    List<String> seenItems,
    long eventCount,
    long updatedAtMs)
    implements Serializable {

  public UserProfile {
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("userId must not be blank");
    }
    Objects.requireNonNull(vector, "vector");
    recent = recent == null ? List.of() : List.copyOf(recent);
    seenItems = seenItems == null ? List.of() : List.copyOf(seenItems);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserProfile other
        && userId.equals(other.userId)
        && Arrays.equals(vector, other.vector)
        && modelVersion == other.modelVersion
        && recent.equals(other.recent)
        && seenItems.equals(other.seenItems)
        && eventCount == other.eventCount
        && updatedAtMs == other.updatedAtMs;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        userId, Arrays.hashCode(vector), modelVersion, recent, seenItems, eventCount, updatedAtMs);
  }

  @Override
  public String toString() {
    return "UserProfile["
        + userId
        + ", dim="
        + vector.length
        + ", v"
        + modelVersion
        + ", recent="
        + recent.size()
        + ", seen="
        + seenItems.size()
        + ", events="
        + eventCount
        + "]";
  }
}
