package io.reasonflow.bench.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StridedWorkersTest {

  @Test
  void everyItemRunsExactlyOnce() throws Exception {
    AtomicIntegerArray runs = new AtomicIntegerArray(1_001);
    StridedWorkers.run("t", 3, runs.length(), runs::incrementAndGet);
    for (int i = 0; i < runs.length(); i++) {
      assertThat(runs.get(i)).as("item %d", i).isEqualTo(1);
    }
  }

  @Test
  void failuresOnSeveralThreadsAtOnceAreAllReported() {
    // both threads fail together (the latch holds each until the other has reached its failure); a
    // plain shared slot would keep whichever write came last and lose the other
    CountDownLatch bothFailing = new CountDownLatch(2);
    assertThatThrownBy(
            () ->
                StridedWorkers.run(
                    "t",
                    2,
                    2,
                    i -> {
                      bothFailing.countDown();
                      bothFailing.await(10, TimeUnit.SECONDS);
                      throw new IllegalArgumentException("item " + i);
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("t failed")
        .satisfies(
            e -> {
              Throwable first = e.getCause();
              assertThat(first.getSuppressed()).hasSize(1);
              assertThat(List.of(first.getMessage(), first.getSuppressed()[0].getMessage()))
                  .containsExactlyInAnyOrder("item 0", "item 1");
            });
  }

  @Test
  void aFailureStopsTheOtherThreadsEarly() {
    AtomicLong afterFailure = new AtomicLong();
    CountDownLatch failed = new CountDownLatch(1);
    assertThatThrownBy(
            () ->
                StridedWorkers.run(
                    "t",
                    2,
                    20_000,
                    i -> {
                      if (i == 0) {
                        failed.countDown();
                        throw new IllegalStateException("boom");
                      }
                      if (failed.getCount() == 0) {
                        afterFailure.incrementAndGet();
                      }
                      Thread.sleep(0, 1);
                    }))
        .hasRootCauseMessage("boom");
    // the other thread sees the failure at its next item; a small allowance for the items already
    // under way
    assertThat(afterFailure.get()).isLessThan(1_000);
  }
}
