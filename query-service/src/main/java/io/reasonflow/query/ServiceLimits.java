package io.reasonflow.query;

import java.time.Duration;
import java.util.Objects;

/**
 * How much query work the service takes on, so a burst of expensive requests slows nobody but the
 * senders: at most {@code maxConcurrent} queries run at once, at most {@code maxQueued} more wait
 * (up to {@code maxWait}) for a slot, and everything beyond is answered 503 with {@code
 * Retry-After} at once. Each client (remote address) may also start {@code ratePerSecond} queries a
 * second on average, with bursts of {@code burst}; over that it gets 429. {@code /health} and
 * {@code /metrics} are outside both limits.
 *
 * @param maxConcurrent queries computed at the same time (about the number of cores: they are
 *     CPU-bound)
 * @param maxQueued queries waiting for a slot; 0 refuses at once when all slots are busy
 * @param maxWait longest a queued query waits before it is answered 503
 * @param ratePerSecond queries a second one client may start on average; 0 = no per-client limit
 * @param burst queries one client may start at once after being idle (ignored when ratePerSecond is
 *     0)
 */
public record ServiceLimits(
    int maxConcurrent, int maxQueued, Duration maxWait, double ratePerSecond, int burst) {
  /**
   * Slots for the cores of this machine, a queue of 64, half a second of waiting, no per-client
   * rate limit.
   */
  public static final ServiceLimits DEFAULT =
      new ServiceLimits(
          Math.max(2, Runtime.getRuntime().availableProcessors()),
          64,
          Duration.ofMillis(500),
          0,
          0);

  public ServiceLimits {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be at least 1, got " + maxConcurrent);
    }
    if (maxQueued < 0) {
      throw new IllegalArgumentException("maxQueued must not be negative, got " + maxQueued);
    }
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative, got " + maxWait);
    }
    if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException(
          "ratePerSecond must be a finite number >= 0, got " + ratePerSecond);
    }
    if (ratePerSecond > 0 && burst < 1) {
      throw new IllegalArgumentException(
          "burst must be at least 1 when ratePerSecond is set, got " + burst);
    }
  }

  boolean rateLimited() {
    return ratePerSecond > 0;
  }
}
