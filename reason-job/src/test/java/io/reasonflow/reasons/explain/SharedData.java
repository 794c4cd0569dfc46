package io.reasonflow.reasons.explain;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code shared/data} above the working directory (tests that use it skip without it). */
final class SharedData {
  private SharedData() {}

  static Path dir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("shared/data");
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    return Path.of(System.getProperty("rf.shared.data", "../../shared/data"));
  }
}
