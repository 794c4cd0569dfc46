package io.reasonflow.query;

import io.reasonflow.index.search.ItemFilter;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether queries can be answered, for {@code /health}: not when the last {@link
 * #FAILURES_TO_UNHEALTHY} queries all failed with a fault of the service (a damaged file found
 * after the version was opened, say), nor when a probe query (the item nearest to a unit vector,
 * which reads the graph, the vectors and a stored document) fails. "ok" from a service whose every
 * query answers 500 was the failure this replaces.
 */
final class QueryHealth {
  static final int FAILURES_TO_UNHEALTHY = 3;

  private final ServedIndex index;
  private final AtomicInteger consecutiveFailures = new AtomicInteger();
  private volatile String lastFailure;

  QueryHealth(ServedIndex index) {
    this.index = index;
  }

  /**
   * Records the outcome of a query request by its status: a 5xx but 503 (busy) is a failure, the
   * rest success.
   */
  void record(int status, String what) {
    if (status >= 500 && status != 503) {
      lastFailure = what;
      consecutiveFailures.incrementAndGet();
    } else if (status < 500) {
      consecutiveFailures.set(0);
    }
  }

  /** Why queries cannot be answered, or empty when they can. */
  Optional<String> problem() {
    int failures = consecutiveFailures.get();
    if (failures >= FAILURES_TO_UNHEALTHY) {
      return Optional.of("the last " + failures + " queries failed (last: " + lastFailure + ")");
    }
    try {
      index.read(
          s ->
              s.vectorDimension()
                  .map(
                      dim -> {
                        float[] unit = new float[dim];
                        unit[0] = 1f;
                        return s.nearest(unit, 1, Set.of(), ItemFilter.NONE);
                      }));
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of("a probe query failed: " + e);
    }
  }
}
