package io.reasonflow.bench.index;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * No index: every query scores every vector (SIMD dot products through Lucene's VectorUtil). Exact
 * by definition.
 */
final class BruteForceEngine implements Engine {
  private float[][] vectors;

  @Override
  public String name() {
    return "brute-force";
  }

  @Override
  public boolean approximate() {
    return false;
  }

  @Override
  public void build(BenchData data, Path workDir, PrintStream out) {
    vectors = data.vectors();
  }

  @Override
  public double buildSeconds() {
    return 0;
  }

  @Override
  public long sizeBytes() {
    return (long) vectors.length * vectors[0].length * Float.BYTES;
  }

  @Override
  public int[] search(float[] q, int k, int ef) {
    return GroundTruth.topK(vectors, q, k);
  }

  @Override
  public void close() {
    vectors = null;
  }
}
