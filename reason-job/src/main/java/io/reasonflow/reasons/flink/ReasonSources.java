package io.reasonflow.reasons.flink;

import java.io.Serializable;

/**
 * Where a reason operator finds the feature job's read-only outputs. Strings, not {@code Path}s:
 * the operator is serialized to the cluster, and each task opens the files itself in {@code
 * open()}.
 *
 * @param featuresDir the feature job's output directory (items, co-views, index), or a version root
 *     whose {@code current} link names the published one ({@link
 *     io.reasonflow.reasons.FeatureVersion})
 * @param followMillis how often a running task checks whether another version was published and
 *     re-opens its stores if so; 0 for never (a bounded run reads one version throughout)
 */
public record ReasonSources(String featuresDir, long followMillis) implements Serializable {

  /** A fixed output, read as it was when the task opened (bounded runs). */
  public static ReasonSources fixed(String featuresDir) {
    return new ReasonSources(featuresDir, 0);
  }
}
