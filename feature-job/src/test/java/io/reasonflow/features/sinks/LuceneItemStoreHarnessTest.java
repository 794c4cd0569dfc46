package io.reasonflow.features.sinks;

import static io.reasonflow.features.sinks.IndexOnDisk.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.reasonflow.index.CommitKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LuceneItemStore} on a real index directory: applied records are neither visible nor
 * durable until {@link LuceneItemStore#commit}, close drops them, the commit carries its data and
 * the newest model version (also across a reopen), and a second writer waits for the first to
 * release Lucene's write lock.
 */
class LuceneItemStoreHarnessTest {
  @TempDir Path dir;

  LuceneItemStore open() {
    return LuceneItemStore.open(dir, IndexOnDisk.SETTINGS);
  }

  @Test
  void appliedRecordsAreNeitherVisibleNorDurableUntilCommitted() throws Exception {
    try (LuceneItemStore store = open()) {
      store.apply(List.of(item("a", 1), item("b", 1)));
      assertThat(IndexOnDisk.docs(dir)).isEmpty();
      assertThat(store.lastCommitData()).isEmpty();
    } // closed without a commit, as after a failure
    try (LuceneItemStore store = open()) {
      assertThat(store.lastCommitData()).isEmpty();
    }
    assertThat(IndexOnDisk.docs(dir)).isEmpty();
  }

  @Test
  void aCommitMakesRecordsDurableWithItsDataAndTheNewestModelVersionAlsoAfterAReopen()
      throws Exception {
    try (LuceneItemStore store = open()) {
      store.apply(List.of(item("a", 3), item("b", 5)));
      store.commit(Map.of(StoreCommitter.CHECKPOINT_ID, "1"));
      store.apply(List.of(item("c", 9))); // applied, never committed
    }
    assertThat(IndexOnDisk.versions(dir)).isEqualTo(Map.of("a", 3L, "b", 5L));
    assertThat(IndexOnDisk.commitData(dir))
        .containsEntry(StoreCommitter.CHECKPOINT_ID, "1")
        .containsEntry(CommitKeys.MODEL_VERSION, "5");

    try (LuceneItemStore store = open()) {
      assertThat(store.lastCommitData()).containsEntry(StoreCommitter.CHECKPOINT_ID, "1");
      store.apply(List.of(item("a", 2))); // an upsert with an older model version
      store.commit(Map.of(StoreCommitter.CHECKPOINT_ID, "2"));
    }
    assertThat(IndexOnDisk.versions(dir))
        .as("one document per id")
        .isEqualTo(Map.of("a", 2L, "b", 5L));
    assertThat(IndexOnDisk.commitData(dir))
        .as("the newest version committed, remembered across the reopen")
        .containsEntry(CommitKeys.MODEL_VERSION, "5")
        .containsEntry(StoreCommitter.CHECKPOINT_ID, "2");
  }

  @Test
  void closeNeverThrowsEvenOnAnInterruptedThreadAndDropsWhatWasNotCommitted() throws Exception {
    LuceneItemStore store = open();
    store.apply(List.of(item("a", 1)));
    store.commit(Map.of(StoreCommitter.CHECKPOINT_ID, "1"));
    store.apply(List.of(item("b", 1)));
    Thread.currentThread().interrupt(); // as when Flink cancels the task after a failure
    try {
      assertThatCode(store::close).doesNotThrowAnyException();
    } finally {
      Thread.interrupted();
    }
    try (LuceneItemStore again = open()) {
      assertThat(again.lastCommitData()).containsEntry(StoreCommitter.CHECKPOINT_ID, "1");
    }
    assertThat(IndexOnDisk.versions(dir)).isEqualTo(Map.of("a", 1L));
  }

  @Test
  void aSecondOpenWaitsForThePreviousWriterToReleaseTheLock() throws Exception {
    LuceneItemStore first = open();
    CompletableFuture<LuceneItemStore> second = CompletableFuture.supplyAsync(this::open);
    first.close();
    try (LuceneItemStore store = second.get(20, TimeUnit.SECONDS)) {
      assertThat(store.lastCommitData()).isEmpty();
    }
  }
}
