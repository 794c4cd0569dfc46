package io.reasonflow.query;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission of query work: at most {@code maxConcurrent} queries compute at once, at most {@code
 * maxQueued} wait for a slot (each for at most {@code maxWait}), and the rest are refused at once
 * with 503 and {@code Retry-After}. So a flood of expensive queries costs its senders a quick
 * refusal instead of costing everyone seconds of latency, and the request threads it does hold are
 * bounded, leaving threads free for {@code /health} and {@code /metrics}.
 */
final class QueryGate {
  private static final long RETRY_AFTER_SECONDS = 1;

  private final Semaphore slots;
  private final AtomicInteger admitted = new AtomicInteger();
  private final int capacity;
  private final long maxWaitNanos;

  QueryGate(ServiceLimits limits) {
    this.slots = new Semaphore(limits.maxConcurrent(), true);
    this.capacity = limits.maxConcurrent() + limits.maxQueued();
    this.maxWaitNanos = limits.maxWait().toNanos();
  }

  /** Waits for a slot; the caller must {@link #exit} once its query is done. */
  void enter() {
    if (admitted.incrementAndGet() > capacity) {
      admitted.decrementAndGet();
      throw busy();
    }
    boolean got = false;
    try {
      got = slots.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (!got) {
        admitted.decrementAndGet();
      }
    }
    if (!got) {
      throw busy();
    }
  }

  void exit() {
    slots.release();
    admitted.decrementAndGet();
  }

  private static ApiException busy() {
    return ApiException.busy(
        "the service is at its query capacity; retry in a moment", RETRY_AFTER_SECONDS);
  }
}
