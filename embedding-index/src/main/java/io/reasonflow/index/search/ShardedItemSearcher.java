package io.reasonflow.index.search;

import io.reasonflow.common.UserError;
import io.reasonflow.index.CommitKeys;
import io.reasonflow.index.ShardLayout;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * Opens a sharded item index ({@link ShardLayout}) as one {@link ItemSearcher}, so it answers the
 * very same query API. Each query searches every shard and merges the shards' top hits: a vector
 * query collects each shard's best candidates and keeps the best k overall; filters and exclusions
 * apply inside each shard; title search ranks with term statistics summed over the shards, so
 * sharding does not change a BM25 score. {@link ItemSearcher#get} and {@code similarItems}' anchor
 * lookup find the item wherever it is.
 *
 * <p>{@link ItemSearcher#open(Path)} opens a sharded root through this class too; call it directly
 * to search the shards of one query concurrently on an executor.
 */
public final class ShardedItemSearcher {
  private ShardedItemSearcher() {}

  /** Opens every shard, searching them one after the other on the caller's thread. */
  public static ItemSearcher open(Path root) {
    return open(root, null);
  }

  /**
   * Opens every shard.
   *
   * @param executor searches the shards of one query concurrently; null searches them on the
   *     caller's thread
   * @throws UserError when the manifest is unreadable, a shard is missing, or the shards were built
   *     with different vector formats
   */
  public static ItemSearcher open(Path root, Executor executor) {
    Objects.requireNonNull(root, "root");
    ShardLayout layout = ShardLayout.read(root);
    List<Directory> dirs = new ArrayList<>(layout.shards());
    try {
      for (int i = 0; i < layout.shards(); i++) {
        Path dir = layout.shardDir(i);
        if (!Files.isDirectory(dir)) {
          throw new UserError(
              "shard "
                  + i
                  + " of "
                  + root
                  + " is missing ("
                  + dir
                  + "); the index names "
                  + layout.shards()
                  + " shards");
        }
        Directory d = FSDirectory.open(dir);
        dirs.add(d);
        if (!DirectoryReader.indexExists(d)) {
          throw new UserError("shard " + i + " of " + root + " holds no index yet (" + dir + ")");
        }
      }
      checkSameFormat(root, dirs);
      Closeable all = () -> IOUtils.close(dirs);
      return new ItemSearcher(root, new ShardedSearcherManager(dirs, executor), all);
    } catch (IOException e) {
      IOUtils.closeWhileHandlingException(dirs);
      throw new UserError("cannot open sharded index " + root + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      IOUtils.closeWhileHandlingException(dirs);
      throw e;
    }
  }

  /**
   * Queries read the vector format from one shard's commit, which is right only if every shard
   * agrees.
   */
  private static void checkSameFormat(Path root, List<Directory> dirs) throws IOException {
    String first = null;
    for (int i = 0; i < dirs.size(); i++) {
      Map<String, String> data = SegmentInfos.readLatestCommit(dirs.get(i)).getUserData();
      String format =
          data.get(CommitKeys.FORMAT)
              + "/"
              + data.get(CommitKeys.OVERSAMPLE)
              + "/"
              + data.get(CommitKeys.EF_SEARCH);
      if (first == null) {
        first = format;
      } else if (!first.equals(format)) {
        throw new UserError(
            "shards of "
                + root
                + " were built with different vector settings (shard 0: "
                + first
                + ", shard "
                + i
                + ": "
                + format
                + "); rebuild the index");
      }
    }
  }
}
