package io.reasonflow.reasons.flink;

import java.io.Serializable;

/**
 * Where a reason operator finds the feature job's read-only outputs. Strings, not {@code Path}s:
 * the operator is serialized to the cluster, and each task opens the files itself in {@code
 * open()}.
 *
 * @param featuresDir the feature job's output directory (items, co-views, index)
 */
public record ReasonSources(String featuresDir) implements Serializable {}
