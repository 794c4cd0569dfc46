package io.reasonflow.features.stream;

import java.io.Serializable;
import java.util.Objects;

/**
 * A published item model as the streaming job passes it around: its version and the file holding it
 * ({@link ModelFiles}). What broadcasts and checkpoints carry instead of the vectors, so their size
 * does not grow with the catalogue; each consumer loads the file when a newer version arrives, and
 * again after a restore.
 *
 * @param version the model's version (newer sorts after older)
 * @param path the model file, a URI or path every TaskManager reaches
 */
public record ModelRef(long version, String path) implements Serializable {
  public ModelRef {
    Objects.requireNonNull(path, "path");
  }

  /** Whether this is newer than {@code other} (anything is newer than none). */
  public boolean newerThan(ModelRef other) {
    return other == null || version > other.version;
  }
}
