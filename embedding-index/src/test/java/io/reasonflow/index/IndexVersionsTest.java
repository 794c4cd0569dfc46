package io.reasonflow.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What may be published as the live index version, and where {@code current} then points. */
class IndexVersionsTest {
  @TempDir Path root;

  private static Path committedIndex(Path dir) {
    try (ItemIndexWriter w = ItemIndexWriter.open(dir, IndexSettings.DEFAULT)) {
      TestItems.clustered(10, 2, 8, 1).forEach(w::upsert);
      w.commit(Map.of("modelVersion", "1"));
    }
    return dir;
  }

  @Test
  void aBackfillsNestedIndexDirectoryCanBePublishedAndTheLinkIsRelative() throws Exception {
    Path v1 = committedIndex(root.resolve("v1"));
    Path v2 = committedIndex(root.resolve("backfill-2").resolve("index"));

    IndexVersions.publish(root, v1);
    assertThat(IndexVersions.resolve(root)).isEqualTo(v1.toRealPath());
    IndexVersions.publish(root, v2);
    assertThat(IndexVersions.resolve(root)).isEqualTo(v2.toRealPath());
    assertThat(Files.readSymbolicLink(root.resolve(IndexVersions.CURRENT)))
        .isEqualTo(Path.of("backfill-2", "index"));
    // no temporary link is left behind by the atomic rename
    try (var entries = Files.list(root)) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("v1", "backfill-2", IndexVersions.CURRENT);
    }
  }

  @Test
  void aShardedVersionIsPublishedWhenEveryShardIsCommitted() {
    Path v = root.resolve("sharded");
    ShardLayout layout = ShardLayout.create(v, 2);
    committedIndex(layout.shardDir(0));
    assertThatThrownBy(() -> IndexVersions.publish(root, v))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("shard-01")
        .hasMessageContaining("no committed index");
    committedIndex(layout.shardDir(1));

    IndexVersions.publish(root, v);
    assertThat(IndexVersions.resolve(root).getFileName().toString()).isEqualTo("sharded");
  }

  @Test
  void aDirectoryWithoutACommittedIndexIsRefusedAndTheLiveVersionStays() throws Exception {
    Path live = committedIndex(root.resolve("v1"));
    IndexVersions.publish(root, live);
    Path halfBuilt = Files.createDirectories(root.resolve("v2"));
    Files.writeString(halfBuilt.resolve("_0.cfs"), "segment being written");

    assertThatThrownBy(() -> IndexVersions.publish(root, halfBuilt))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("no committed index");
    assertThat(IndexVersions.resolve(root)).isEqualTo(live.toRealPath());
  }

  @Test
  void aVersionOutsideTheRootOrTheRootItselfIsRefused(@TempDir Path elsewhere) {
    Path outside = committedIndex(elsewhere.resolve("v9"));

    assertThatThrownBy(() -> IndexVersions.publish(root, outside))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("must be an existing directory under");
    assertThatThrownBy(() -> IndexVersions.publish(root, root))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("must be an existing directory under");
    assertThatThrownBy(() -> IndexVersions.publish(root, root.resolve("missing")))
        .isInstanceOf(UserError.class);
  }

  @Test
  void aVersionWithATruncatedCompoundFileIsRefusedAndTheLiveVersionStays() throws Exception {
    Path live = committedIndex(root.resolve("v1"));
    IndexVersions.publish(root, live);
    Path damaged = committedIndex(root.resolve("v2"));
    Path cfs = Damage.compoundFile(damaged);
    Damage.truncate(cfs, 0.9);

    assertThatThrownBy(() -> IndexVersions.publish(root, damaged))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("is damaged")
        .hasMessageContaining(cfs.getFileName().toString());
    assertThat(IndexVersions.resolve(root)).isEqualTo(live.toRealPath());
  }

  @Test
  void aVersionWithFlippedBytesIsRefused() {
    Path live = committedIndex(root.resolve("v1"));
    IndexVersions.publish(root, live);
    Path damaged = committedIndex(root.resolve("v2"));
    Damage.flipSecondHalf(Damage.compoundFile(damaged), 2_000, 7);

    assertThatThrownBy(() -> IndexVersions.publish(root, damaged))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("fails its checksum");
  }

  @Test
  void aDamagedShardIsNamed() {
    Path v = root.resolve("sharded");
    ShardLayout layout = ShardLayout.create(v, 2);
    committedIndex(layout.shardDir(0));
    committedIndex(layout.shardDir(1));
    Damage.truncate(Damage.compoundFile(layout.shardDir(1)), 0.5);

    assertThatThrownBy(() -> IndexVersions.publish(root, v))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("shard-01")
        .hasMessageContaining("is damaged");
  }
}
