package io.reasonflow.reasons;

import io.reasonflow.common.UserError;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.index.IndexVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The feature-job output a reason task reads, and the name its reasons record for it.
 *
 * <p>A reason job is given either one output directory (a backfill's {@code <out>}, fixed for the
 * job's life) or a version root: the directory that {@code reasonflow publish --root ROOT
 * <out>/index} switches, whose {@code current} link names the live index. For a root, the output
 * read is the one holding the published index (its parent {@code <out>}, or the published directory
 * itself when it holds the items), so a publish moves the query service and the reason job to the
 * same backfill; {@link #latest} tells a running task when to re-open its stores.
 *
 * @param location what the job was given
 * @param dir the output directory read now
 * @param label the version its reasons record: the output's path under the root, or the output
 *     directory's name when the job was given one directly
 */
public record FeatureVersion(Path location, Path dir, String label) {

  /** The output {@code location} names now. */
  public static FeatureVersion resolve(Path location) {
    if (!Files.exists(location.resolve(IndexVersions.CURRENT))) {
      Path name = location.toAbsolutePath().normalize().getFileName();
      return new FeatureVersion(location, location, name == null ? "" : name.toString());
    }
    Path published = IndexVersions.resolve(location);
    Path dir = holdsItems(published) ? published : published.getParent();
    if (dir == null || !holdsItems(dir)) {
      throw new UserError(
          "the version published under "
              + location
              + " ("
              + published
              + ") is not a feature job's output: no items file beside its index; publish a"
              + " backfill's <out>/index");
    }
    Path root;
    try {
      root = location.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("resolving " + location, e);
    }
    String label = dir.startsWith(root) ? root.relativize(dir).toString() : dir.toString();
    return new FeatureVersion(location, dir, label);
  }

  /** What the same location names now; unequal to this one after a publish. */
  public FeatureVersion latest() {
    return resolve(location);
  }

  public FeatureLayout layout() {
    return new FeatureLayout(dir);
  }

  private static boolean holdsItems(Path dir) {
    return Files.isRegularFile(new FeatureLayout(dir).items());
  }
}
