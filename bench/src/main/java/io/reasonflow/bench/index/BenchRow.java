package io.reasonflow.bench.index;

/**
 * One measured configuration.
 *
 * @param dataset dataset name (e.g. {@code synthetic-100k}, {@code beauty-x8})
 * @param vectors vectors indexed
 * @param dim their dimension
 * @param engine {@code lucene-HNSW}, {@code lucene-INT8}, ..., {@code hnswlib}, {@code brute-force}
 * @param ef the query beam (HNSW's ef; for Lucene the fewest candidates collected), 0 for brute
 *     force
 * @param buildSeconds wall time to build the index, merge and commit included (the same on every
 *     row of an engine)
 * @param sizeBytes bytes on disk (Lucene: the whole index directory, stored fields included;
 *     hnswlib: its saved file; brute force: the raw float32 vectors)
 * @param recall mean recall@k against exact brute force
 * @param p50Micros median single-thread query latency
 * @param p99Micros 99th percentile single-thread query latency
 * @param qps single-thread queries per second (1 / mean latency)
 */
public record BenchRow(
    String dataset,
    int vectors,
    int dim,
    String engine,
    int ef,
    double buildSeconds,
    long sizeBytes,
    double recall,
    double p50Micros,
    double p99Micros,
    double qps) {}
