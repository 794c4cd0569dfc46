package io.reasonflow.bench.index;

import java.io.Closeable;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A nearest-neighbour engine under test: built once on a dataset, then queried at several beam
 * widths.
 */
interface Engine extends Closeable {
  /** How the table names it. */
  String name();

  /** Whether {@code ef} changes its answers (false for exact search, which is measured once). */
  boolean approximate();

  /**
   * Indexes every vector of {@code data} (vector i as id i) under {@code workDir}, printing
   * progress.
   */
  void build(BenchData data, Path workDir, PrintStream out) throws Exception;

  double buildSeconds();

  long sizeBytes();

  /** Ids of the approximately k nearest vectors to the unit vector {@code q}, best first. */
  int[] search(float[] q, int k, int ef);

  @Override
  void close();

  /** The vector ids of an engine's hits, in the engine's order: what {@link #search} returns. */
  static <H> int[] ids(List<H> hits, ToIntFunction<H> vectorId) {
    int[] ids = new int[hits.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = vectorId.applyAsInt(hits.get(i));
    }
    return ids;
  }
}
