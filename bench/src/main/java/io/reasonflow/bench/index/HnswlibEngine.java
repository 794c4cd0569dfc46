package io.reasonflow.bench.index;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import io.reasonflow.common.Progress;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The peer: hnswlib (com.github.jelmerk:hnswlib-core), an in-memory HNSW for the JVM, with the same
 * M and construction beam as Lucene and inner product on the same unit vectors (so the same
 * neighbours are the right answer). Its size is its saved file; it has no stored items to read
 * back, so its queries do less than Lucene's.
 */
final class HnswlibEngine implements Engine {
  private final int maxConn;
  private final int beamWidth;
  private final int threads;
  private HnswIndex<Integer, float[], Vec, Float> index;
  private double buildSeconds;
  private long sizeBytes;

  /** An indexed vector. */
  record Vec(Integer id, float[] vector) implements Item<Integer, float[]> {
    @Override
    public int dimensions() {
      return vector.length;
    }
  }

  HnswlibEngine(int maxConn, int beamWidth, int threads) {
    this.maxConn = maxConn;
    this.beamWidth = beamWidth;
    this.threads = threads;
  }

  @Override
  public String name() {
    return "hnswlib";
  }

  @Override
  public boolean approximate() {
    return true;
  }

  @Override
  public void build(BenchData data, Path workDir, PrintStream out) throws Exception {
    float[][] v = data.vectors();
    Progress progress = new Progress(out, name() + " build " + data.name(), v.length);
    long start = System.nanoTime();
    index =
        HnswIndex.newBuilder(data.dim(), DistanceFunctions.FLOAT_INNER_PRODUCT, v.length)
            .withM(maxConn)
            .withEfConstruction(beamWidth)
            .withEf(10)
            .build();
    List<Vec> items = new ArrayList<>(v.length);
    for (int i = 0; i < v.length; i++) {
      items.add(new Vec(i, v[i]));
    }
    index.addAll(items, threads, (done, max) -> progress.update(done), 5_000);
    buildSeconds = (System.nanoTime() - start) / 1e9;
    progress.done("built");
    Path file = workDir.resolve("hnswlib.bin");
    Files.createDirectories(workDir);
    index.save(file);
    sizeBytes = Files.size(file);
    Files.delete(file);
  }

  @Override
  public double buildSeconds() {
    return buildSeconds;
  }

  @Override
  public long sizeBytes() {
    return sizeBytes;
  }

  @Override
  public int[] search(float[] q, int k, int ef) {
    index.setEf(ef);
    return Engine.ids(index.findNearest(q, k), hit -> hit.item().id());
  }

  @Override
  public void close() {
    index = null;
  }
}
