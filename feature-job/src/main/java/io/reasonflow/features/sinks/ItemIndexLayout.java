package io.reasonflow.features.sinks;

import io.reasonflow.common.UserError;
import io.reasonflow.index.ShardLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Where the streaming job's item index keeps each shard: with one shard the index directory is one
 * Lucene index (the layout of every earlier version); with n it is a {@link ShardLayout} root,
 * shard i in {@code shard-0i/}, the layout of the backfill's {@code index-shards}, which the
 * sharded searcher reads as one index.
 *
 * <p>A reader must see either no index or every shard: the manifest that makes the root a sharded
 * index is written only once every shard holds a commit (each committer subtask commits its empty
 * shard when it first opens it, then writes the manifest if it finds every shard committed; the
 * last to do so writes it). Before that, readers see a directory without an index ("not built
 * yet"), never a manifest naming a shard that does not exist.
 */
final class ItemIndexLayout {
  private ItemIndexLayout() {}

  /** Fails with one line when {@code root} holds an index of another shard count. */
  static void check(Path root, int shards) {
    if (ShardLayout.isSharded(root)) {
      int onDisk = ShardLayout.read(root).shards();
      if (onDisk != shards) {
        throw new UserError(
            "item index "
                + root
                + " has "
                + onDisk
                + " shards, but features.stream.store-shards = "
                + shards
                + ": the shard count is fixed when the index is first written (rescaling would route"
                + " items to other shards); set it to "
                + onDisk
                + ", or write a new index directory");
      }
    } else if (shards > 1 && holdsIndex(root)) {
      throw new UserError(
          "item index "
              + root
              + " is one unsharded index, but features.stream.store-shards = "
              + shards
              + ": the shard count is fixed when the index is first written; set it to 1, or write"
              + " a new index directory");
    }
  }

  /** The directory of shard {@code shard}: the root itself when there is one shard. */
  static Path shardDir(Path root, int shards, int shard) {
    return shards == 1 ? root : new ShardLayout(root, shards).shardDir(shard);
  }

  /**
   * Writes the manifest once every shard holds a commit. Safe from every subtask: {@link
   * ShardLayout#create} writes it by an atomic rename and checks an existing one.
   */
  static void publishIfComplete(Path root, int shards) {
    if (shards == 1 || ShardLayout.isSharded(root)) {
      return;
    }
    for (int i = 0; i < shards; i++) {
      if (!holdsIndex(shardDir(root, shards, i))) {
        return;
      }
    }
    ShardLayout.create(root, shards);
  }

  private static boolean holdsIndex(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Directory d = FSDirectory.open(dir)) {
      return DirectoryReader.indexExists(d);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + dir, e);
    }
  }
}
