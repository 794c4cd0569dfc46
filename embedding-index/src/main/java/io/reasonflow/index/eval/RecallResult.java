package io.reasonflow.index.eval;

import io.reasonflow.index.VectorFormat;

/**
 * Recall of the index's top-k against exact brute-force top-k.
 *
 * @param format vector format of the index measured
 * @param k hits per query
 * @param queries queries averaged over
 * @param recall mean over queries of |index top-k ∩ exact top-k| / |exact top-k|
 * @param meanQueryMicros mean index query time (search only, no brute force)
 */
public record RecallResult(
    VectorFormat format, int k, int queries, double recall, double meanQueryMicros) {}
