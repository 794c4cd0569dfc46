package io.reasonflow.bench.index;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs {@code work(i)} for every i below n on a few named threads, thread t taking t, t + threads,
 * ... A failure is recorded once, atomically (the first one; any others are added to it as
 * suppressed, so none is lost to a racing write), stops the other threads at their next item, and
 * is rethrown by {@link #run} after all joined.
 */
final class StridedWorkers {
  /** One item of work; may throw anything. */
  interface Work {
    void run(int i) throws Exception;
  }

  private StridedWorkers() {}

  static void run(String name, int threads, int n, Work work) throws InterruptedException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive");
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int first = t;
      workers[t] =
          new Thread(
              () -> {
                try {
                  for (int i = first; i < n && failure.get() == null; i += threads) {
                    work.run(i);
                  }
                } catch (Throwable e) {
                  if (!failure.compareAndSet(null, e)) {
                    Throwable firstFailure = failure.get();
                    synchronized (firstFailure) { // addSuppressed is not thread-safe
                      firstFailure.addSuppressed(e);
                    }
                  }
                }
              },
              name + "-" + t);
      workers[t].start();
    }
    for (Thread t : workers) {
      t.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException(name + " failed", failure.get());
    }
  }
}
