package io.reasonflow.query;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address: each client may start {@code ratePerSecond} queries a second
 * on average and {@code burst} at once. The map of buckets is bounded: past {@link #MAX_CLIENTS}
 * addresses, buckets that have refilled (their clients idle) are dropped, which forgets nothing a
 * client could exploit.
 */
final class ClientRateLimiter {
  static final int MAX_CLIENTS = 100_000;

  private final double tokensPerNano;
  private final double burst;
  private final long refillNanos;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updated = now;
    }
  }

  ClientRateLimiter(double ratePerSecond, int burst) {
    if (!(ratePerSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("ratePerSecond and burst must be positive");
    }
    this.tokensPerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.refillNanos = (long) Math.ceil(burst / tokensPerNano);
  }

  /**
   * Takes one token for {@code client}; returns 0 when it had one, else the whole seconds until it
   * will.
   */
  long acquire(String client, long nowNanos) {
    if (buckets.size() > MAX_CLIENTS) {
      buckets.values().removeIf(b -> idle(b, nowNanos));
    }
    Bucket b = buckets.computeIfAbsent(client, c -> new Bucket(burst, nowNanos));
    synchronized (b) {
      b.tokens = Math.min(burst, b.tokens + (nowNanos - b.updated) * tokensPerNano);
      b.updated = nowNanos;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - b.tokens) / tokensPerNano / 1e9));
    }
  }

  private boolean idle(Bucket b, long now) {
    synchronized (b) {
      return now - b.updated >= refillNanos;
    }
  }
}
