package io.reasonflow.cli;

import java.nio.file.Path;

/**
 * The ReasonFlow checkout the launcher runs from: where the shipped sample and the default outputs
 * live.
 */
final class Home {
  private Home() {}

  static Path dir() {
    return Path.of(System.getProperty("reasonflow.home", ".")).toAbsolutePath().normalize();
  }

  static Path sample() {
    return dir().resolve("samples/amazon-beauty-2014");
  }

  /**
   * {@code null} or {@code beauty}: the Beauty sample; {@code instruments}: the Musical Instruments
   * reviews; anything else is a directory.
   */
  static Path sample(String nameOrDir) {
    if (nameOrDir == null || nameOrDir.equals("beauty")) {
      return sample();
    }
    if (nameOrDir.equals("instruments")) {
      return dir().resolve("samples/amazon-instruments-2014");
    }
    return Path.of(nameOrDir);
  }
}
