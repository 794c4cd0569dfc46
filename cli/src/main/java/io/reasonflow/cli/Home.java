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
}
