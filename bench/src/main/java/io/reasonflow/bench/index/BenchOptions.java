package io.reasonflow.bench.index;

import io.reasonflow.index.VectorFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link IndexBenchmark} measures.
 *
 * @param itemsFile a feature-job {@code items.jsonl.gz} whose vectors make the real dataset, or
 *     null for none
 * @param tileTo grow the real dataset to this many vectors with perturbed copies (0: use it as it
 *     is)
 * @param syntheticSizes sizes of the seeded synthetic clustered datasets (empty: none)
 * @param dim dimension of the synthetic vectors (the real ones have their own)
 * @param queries queries per dataset (recall is averaged over them; latency percentiles are taken
 *     over them)
 * @param k hits per query
 * @param formats Lucene vector formats to build and measure
 * @param efSweep graph beam widths (HNSW's ef at query time) each approximate index is measured at;
 *     they trace its recall-versus-latency curve
 * @param maxConn HNSW neighbours per node, for Lucene and the peer library alike
 * @param beamWidth HNSW construction beam, for both
 * @param peer also build and measure the peer JVM library (hnswlib) on the same vectors
 * @param outputDir where the CSV and PNG go (and the indexes, under {@code work/}, deleted
 *     afterwards)
 * @param seed seeds every random choice, so two runs measure the same vectors and queries
 */
public record BenchOptions(
    Path itemsFile,
    int tileTo,
    List<Integer> syntheticSizes,
    int dim,
    int queries,
    int k,
    List<VectorFormat> formats,
    List<Integer> efSweep,
    int maxConn,
    int beamWidth,
    boolean peer,
    Path outputDir,
    long seed) {

  public BenchOptions {
    Objects.requireNonNull(outputDir, "outputDir");
    syntheticSizes = List.copyOf(syntheticSizes);
    formats = List.copyOf(formats);
    efSweep = efSweep.stream().sorted().distinct().toList();
    if (itemsFile == null && syntheticSizes.isEmpty()) {
      throw new IllegalArgumentException(
          "nothing to measure: give an items file or a synthetic size");
    }
    if (queries < 10 || k < 1 || dim < 2 || efSweep.isEmpty() || tileTo < 0) {
      throw new IllegalArgumentException(
          "need queries >= 10, k >= 1, dim >= 2, tileTo >= 0 and an ef sweep");
    }
    for (int n : syntheticSizes) {
      if (n <= k) {
        throw new IllegalArgumentException("a synthetic size must exceed k, got " + n);
      }
    }
  }

  /**
   * The defaults of {@code reasonflow bench index}: synthetic 100k x 64, every format, hnswlib,
   * 1,000 queries.
   */
  public static BenchOptions defaults(Path outputDir) {
    return new BenchOptions(
        null,
        0,
        List.of(100_000),
        64,
        1000,
        10,
        List.of(VectorFormat.values()),
        List.of(10, 16, 32, 64, 100, 160, 250),
        16,
        100,
        true,
        outputDir,
        42);
  }

  public BenchOptions withItemsFile(Path file, int tile) {
    Copy c = new Copy(this);
    c.itemsFile = file;
    c.tileTo = tile;
    return c.build();
  }

  public BenchOptions withSyntheticSizes(List<Integer> sizes) {
    Copy c = new Copy(this);
    c.syntheticSizes = sizes;
    return c.build();
  }

  public BenchOptions withFormats(List<VectorFormat> f) {
    Copy c = new Copy(this);
    c.formats = f;
    return c.build();
  }

  public BenchOptions withEfSweep(List<Integer> sweep) {
    Copy c = new Copy(this);
    c.efSweep = sweep;
    return c.build();
  }

  public BenchOptions withQueries(int q) {
    Copy c = new Copy(this);
    c.queries = q;
    return c.build();
  }

  public BenchOptions withPeer(boolean p) {
    Copy c = new Copy(this);
    c.peer = p;
    return c.build();
  }

  public BenchOptions withOutputDir(Path dir) {
    Copy c = new Copy(this);
    c.outputDir = dir;
    return c.build();
  }

  public BenchOptions withDim(int d) {
    Copy c = new Copy(this);
    c.dim = d;
    return c.build();
  }

  public BenchOptions withSeed(long s) {
    Copy c = new Copy(this);
    c.seed = s;
    return c.build();
  }

  /** The fields, mutable, so that each wither names only what it changes. */
  private static final class Copy {
    Path itemsFile;
    int tileTo;
    List<Integer> syntheticSizes;
    int dim;
    int queries;
    int k;
    List<VectorFormat> formats;
    List<Integer> efSweep;
    int maxConn;
    int beamWidth;
    boolean peer;
    Path outputDir;
    long seed;

    Copy(BenchOptions o) {
      itemsFile = o.itemsFile;
      tileTo = o.tileTo;
      syntheticSizes = o.syntheticSizes;
      dim = o.dim;
      queries = o.queries;
      k = o.k;
      formats = o.formats;
      efSweep = o.efSweep;
      maxConn = o.maxConn;
      beamWidth = o.beamWidth;
      peer = o.peer;
      outputDir = o.outputDir;
      seed = o.seed;
    }

    BenchOptions build() {
      return new BenchOptions(
          itemsFile,
          tileTo,
          syntheticSizes,
          dim,
          queries,
          k,
          formats,
          efSweep,
          maxConn,
          beamWidth,
          peer,
          outputDir,
          seed);
    }
  }
}
