package io.reasonflow.reasons;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds {@code shared/data} above the working directory (worktrees sit one level deeper than main;
 * tests that use it skip without it).
 */
public final class SharedData {
  private SharedData() {}

  /** The {@code shared/data} directory, or {@code rf.shared.data} when none is found. */
  public static Path dir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("shared/data");
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    return Path.of(System.getProperty("rf.shared.data", "../../shared/data"));
  }

  /** A file under {@code shared/data}: the first found upwards that exists. */
  public static Path file(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("shared/data").resolve(relative);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return Path.of(System.getProperty("rf.shared.data", "../../shared/data"), relative);
  }
}
