package io.reasonflow.index;

import io.reasonflow.common.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Index versions under one root: {@code root/<version>/} holds a complete index and the symlink {@code root/current}
 * names the one being served. Publishing a new version is one atomic rename of a fresh symlink over
 * {@code current}, so a reader sees either the old or the new version, never a half-built one.
 */
public final class IndexVersions {
  public static final String CURRENT = "current";

  private IndexVersions() {}

  /** Points {@code root/current} at {@code versionDir}, which must be a directory directly under {@code root}. */
  public static void publish(Path root, Path versionDir) {
    Path abs = versionDir.toAbsolutePath().normalize();
    Path rootAbs = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(abs) || !rootAbs.equals(abs.getParent())) {
      throw new UserError("index version " + versionDir + " must be an existing directory directly under " + root);
    }
    Path tmp = rootAbs.resolve(CURRENT + ".tmp-" + System.nanoTime());
    try {
      Files.createSymbolicLink(tmp, abs.getFileName());
      Files.move(tmp, rootAbs.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("publishing " + versionDir + " as " + root.resolve(CURRENT), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the move failed already; that is the error worth reporting
      }
    }
  }

  /**
   * The directory actually holding the index: {@code current}'s target when {@code root} has a {@code current}
   * entry, else {@code root} itself (a plain index directory).
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
