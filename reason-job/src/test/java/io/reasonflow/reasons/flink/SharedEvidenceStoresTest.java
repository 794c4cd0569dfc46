package io.reasonflow.reasons.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.reasons.TinyFeatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subtasks in one JVM share one opening of an output's stores, closed by the last to leave. */
class SharedEvidenceStoresTest {
  @TempDir Path dir;

  @Test
  void subtasksOpeningTogetherShareOneInstanceUntilTheLastGivesItBack() throws Exception {
    TinyFeatures f = new TinyFeatures(dir.resolve("features"));
    Path cache = dir.resolve("cache");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<SharedEvidenceStores.Lease> leases = new ArrayList<>();
    try {
      List<Callable<SharedEvidenceStores.Lease>> subtasks = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        subtasks.add(() -> SharedEvidenceStores.acquire(f.layout, "", cache));
      }
      for (Future<SharedEvidenceStores.Lease> lease : pool.invokeAll(subtasks)) {
        leases.add(lease.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(leases)
        .extracting(SharedEvidenceStores.Lease::stores)
        .containsOnly(leases.get(0).stores());
    assertThat(SharedEvidenceStores.leases(f.layout.root())).isEqualTo(4);

    leases.get(0).close();
    leases.get(0).close(); // twice is once
    leases.get(1).close();
    leases.get(2).close();
    assertThat(SharedEvidenceStores.leases(f.layout.root())).isEqualTo(1);
    // still open for the one left: its stores answer
    assertThat(leases.get(3).stores().coViews().count("C", "A")).isPositive();
    assertThat(leases.get(3).stores().catalog().contains("A")).isTrue();

    leases.get(3).close();
    assertThat(SharedEvidenceStores.leases(f.layout.root())).isZero();
    // the next subtask gets a fresh opening
    try (SharedEvidenceStores.Lease again = SharedEvidenceStores.acquire(f.layout, "", cache)) {
      assertThat(again.stores()).isNotSameAs(leases.get(3).stores());
    }
  }

  @Test
  void aFailedOpenIsNotKeptAndHoldsNoLease() {
    FeatureLayout missing = new FeatureLayout(dir.resolve("no-features"));
    assertThatThrownBy(() -> SharedEvidenceStores.acquire(missing, "", dir.resolve("cache")))
        .isInstanceOf(UserError.class);
    assertThat(SharedEvidenceStores.leases(missing.root())).isZero();
  }
}
