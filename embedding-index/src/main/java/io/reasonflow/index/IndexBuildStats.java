package io.reasonflow.index;

/**
 * What a bulk build did.
 *
 * @param items items indexed
 * @param withoutVector items indexed with a zero vector (found by id and text, never as a
 *     neighbour)
 * @param dimension vector dimension (0 for an empty input)
 * @param modelVersion highest model version among the items (0 for an empty input)
 * @param format vector format written
 * @param elapsedMillis wall time of the build, merge included
 */
public record IndexBuildStats(
    long items,
    long withoutVector,
    int dimension,
    long modelVersion,
    VectorFormat format,
    long elapsedMillis) {}
