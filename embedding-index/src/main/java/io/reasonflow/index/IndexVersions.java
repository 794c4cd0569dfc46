package io.reasonflow.index;

import io.reasonflow.common.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Index versions under one root: each version is a complete index somewhere under {@code root} (for
 * example {@code root/v2/} or a backfill's {@code root/v2/index/}) and the relative symlink {@code
 * root/current} names the one being served. Publishing a new version is one atomic rename of a
 * fresh symlink over {@code current}, so a reader sees either the old or the new version, never a
 * half-built one; and only a directory that holds a committed, intact index can be published, so
 * neither a backfill still writing nor a damaged copy can be switched in by mistake.
 */
public final class IndexVersions {
  public static final String CURRENT = "current";

  private IndexVersions() {}

  /**
   * Points {@code root/current} at {@code versionDir}.
   *
   * @throws UserError when {@code versionDir} is not a directory under {@code root} holding a
   *     committed index, or when a file of that index is missing, truncated or fails its checksum
   *     ({@link IndexIntegrity})
   */
  public static void publish(Path root, Path versionDir) {
    Path abs = versionDir.toAbsolutePath().normalize();
    Path rootAbs = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(abs)
        || !abs.startsWith(rootAbs)
        || abs.equals(rootAbs)
        || abs.startsWith(rootAbs.resolve(CURRENT))) {
      throw new UserError(
          "index version "
              + versionDir
              + " must be an existing directory under "
              + root
              + " (and not "
              + CURRENT
              + " itself); build the new version there, then publish it");
    }
    requireCommittedIndex(abs);
    // a damaged version published now would be refused by the running service, and a restart would
    // then fail: refuse it here, while the live version is still good
    IndexIntegrity.verify(abs);
    Path tmp = rootAbs.resolve(CURRENT + ".tmp-" + System.nanoTime());
    try {
      // relative, so the root can be moved or mounted elsewhere without breaking the pointer
      Files.createSymbolicLink(tmp, rootAbs.relativize(abs));
      Files.move(
          tmp,
          rootAbs.resolve(CURRENT),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "publishing " + versionDir + " as " + root.resolve(CURRENT), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the move failed already; that is the error worth reporting
      }
    }
  }

  private static void requireCommittedIndex(Path dir) {
    if (ShardLayout.isSharded(dir)) {
      ShardLayout layout = ShardLayout.read(dir);
      for (int shard = 0; shard < layout.shards(); shard++) {
        requireCommittedIndex(layout.shardDir(shard));
      }
      return;
    }
    try (Directory d = FSDirectory.open(dir)) {
      if (!DirectoryReader.indexExists(d)) {
        throw new UserError(
            "index version "
                + dir
                + " holds no committed index (is its backfill still running?);"
                + " publish it once the job has finished");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + dir, e);
    }
  }

  /**
   * The directory actually holding the index: {@code current}'s target when {@code root} has a
   * {@code current} entry, else {@code root} itself (a plain index directory).
   */
  public static Path resolve(Path root) {
    Path current = root.resolve(CURRENT);
    if (!Files.exists(current)) {
      return root;
    }
    try {
      return current.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("resolving " + current, e);
    }
  }
}
