package io.reasonflow.features.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Publishes test models as files, as the job does, for the operators that take references. */
final class TestModels {
  private static Path dir;
  private static int published;

  private TestModels() {}

  /** A directory for this JVM's test models (under target/, removed by the next clean). */
  static synchronized Path dir() {
    if (dir == null) {
      try {
        Files.createDirectories(Path.of("target"));
        dir = Files.createTempDirectory(Path.of("target"), "test-models-").toAbsolutePath();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  /**
   * {@code m} written as a model file from outside, in a directory of its own (tests reuse version
   * numbers for different models); its reference.
   */
  static synchronized ModelRef publish(ItemModel m) {
    try {
      return ModelFiles.write(dir().resolve("m" + published++).toString(), m, ModelFiles.OUTSIDE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
