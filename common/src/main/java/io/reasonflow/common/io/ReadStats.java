package io.reasonflow.common.io;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counts of what a reader accepted and rejected, by reason. Not thread-safe: one reader, one
 * instance.
 */
public final class ReadStats {
  private long accepted;
  private final EnumMap<DeadLetterReason, Long> rejected = new EnumMap<>(DeadLetterReason.class);

  public void accept() {
    accepted++;
  }

  public void reject(DeadLetterReason reason) {
    rejected.merge(reason, 1L, Long::sum);
  }

  public long accepted() {
    return accepted;
  }

  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  public Map<DeadLetterReason, Long> rejectedByReason() {
    return Map.copyOf(rejected);
  }

  @Override
  public String toString() {
    return accepted
        + " accepted, "
        + rejectedTotal()
        + " dead-lettered"
        + (rejected.isEmpty() ? "" : " " + rejected);
  }
}
