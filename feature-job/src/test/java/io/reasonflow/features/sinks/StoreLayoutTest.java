package io.reasonflow.features.sinks;

import static io.reasonflow.features.sinks.IndexOnDisk.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.index.ItemIndexWriter;
import io.reasonflow.index.ShardedItemIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stores' shard count is fixed at their first run: a store on disk of another count is refused
 * with one line naming both counts and the key (the job would otherwise route records to other
 * shards than those holding them), while a store not yet written takes any count. Also: a profile
 * store commit that changed no profile leaves the profile file alone.
 */
class StoreLayoutTest {
  @TempDir Path dir;

  static void assertOneLineRefusal(Runnable check, String... fragments) {
    assertThatThrownBy(check::run)
        .isInstanceOf(UserError.class)
        .hasMessageContainingAll(fragments)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  static LuceneItemStore.Factory index(Path root, int shards) {
    return LuceneItemStore.Factory.of(root, IndexOnDisk.SETTINGS, shards);
  }

  @Test
  void anItemIndexOfAnotherShardCountIsRefused() {
    Path sharded = dir.resolve("sharded");
    try (ShardedItemIndex w = ShardedItemIndex.open(sharded, 2, IndexOnDisk.SETTINGS)) {
      w.upsert(item("a", 1));
      w.commit(Map.of()); // a backfill's 2-shard index, say
    }
    assertThatCode(() -> index(sharded, 2).checkLayout()).doesNotThrowAnyException();
    assertOneLineRefusal(
        () -> index(sharded, 3).checkLayout(), "has 2 shards", "features.stream.store-shards = 3");
    assertOneLineRefusal(
        () -> index(sharded, 1).open(0), "has 2 shards", "features.stream.store-shards = 1");

    Path single = dir.resolve("single");
    try (ItemIndexWriter w = ItemIndexWriter.open(single, IndexOnDisk.SETTINGS)) {
      w.upsert(item("a", 1));
      w.commit(Map.of());
    }
    assertThatCode(() -> index(single, 1).checkLayout()).doesNotThrowAnyException();
    assertOneLineRefusal(
        () -> index(single, 2).open(1), "is one unsharded index", "store-shards = 2");
    assertThat(single.resolve("shard-01")).as("nothing written beside it").doesNotExist();

    assertThatCode(() -> index(dir.resolve("new"), 4).checkLayout()).doesNotThrowAnyException();
  }

  @Test
  void aProfileStoreOfAnotherShardCountIsRefused() throws Exception {
    Path file = dir.resolve("profiles.jsonl.gz");
    try (JsonLinesProfileStore s = JsonLinesProfileStore.open(file)) {
      s.apply(List.of(profile("u1")));
      s.commit(Map.of());
    }
    assertOneLineRefusal(
        () -> JsonLinesProfileStore.Factory.of(file, 2).checkLayout(),
        "has 1 shard (one file)",
        "features.stream.store-shards = 2");

    Path sharded = dir.resolve("sharded.jsonl.gz");
    JsonLinesProfileStore.Factory.of(sharded, 2).open(1).close();
    assertThat(sharded.resolve(ProfileStoreLayout.MANIFEST)).isRegularFile();
    assertThatCode(() -> JsonLinesProfileStore.Factory.of(sharded, 2).checkLayout())
        .doesNotThrowAnyException();
    assertOneLineRefusal(
        () -> JsonLinesProfileStore.Factory.of(sharded, 3).open(0), "has 2 shards", "= 3");
    assertOneLineRefusal(() -> JsonLinesProfileStore.open(sharded), "has 2 shards", "= 1");

    // a backfill's profiles: a directory of part files the streaming job did not write
    Path parts = dir.resolve("backfill.jsonl.gz");
    JsonLines.writeAll(parts.resolve("part-0-0.jsonl.gz"), List.of(profile("u1")));
    for (int shards : new int[] {1, 2}) {
      assertOneLineRefusal(
          () -> JsonLinesProfileStore.Factory.of(parts, shards).checkLayout(),
          "did not write as a sharded store");
    }
  }

  @Test
  void aProfileCommitThatChangedNoProfileRewritesOnlyTheCommitData() throws Exception {
    Path file = dir.resolve("profiles.jsonl");
    try (JsonLinesProfileStore s = JsonLinesProfileStore.open(file)) {
      s.commit(Map.of(StoreCommitter.CHECKPOINT_ID, "1"));
      assertThat(JsonLines.readAll(file, UserProfile.class))
          .as("the first commit writes the file, empty")
          .isEmpty();
      s.apply(List.of(profile("u1")));
      s.commit(Map.of(StoreCommitter.CHECKPOINT_ID, "2"));
      Object written = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      assertThat(written).as("this file system names files by inode").isNotNull();
      s.apply(List.of());
      s.commit(Map.of(StoreCommitter.CHECKPOINT_ID, "3"));
      assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey())
          .as("the same file, not a rewritten copy renamed over it")
          .isEqualTo(written);
      assertThat(s.lastCommitData()).containsEntry(StoreCommitter.CHECKPOINT_ID, "3");
    }
    assertThat(JsonLines.readAll(file, UserProfile.class)).containsExactly(profile("u1"));
  }

  static UserProfile profile(String user) {
    return new UserProfile(user, new float[] {1f, 0f}, 1, List.of(), List.of(), 1, 1L);
  }
}
