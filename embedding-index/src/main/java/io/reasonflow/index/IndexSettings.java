package io.reasonflow.index;

import io.reasonflow.common.config.Config;
import java.util.Objects;

/**
 * How the item index builds its vector graph and how searches over quantized vectors rescore.
 *
 * @param format vector storage format
 * @param maxConn HNSW neighbours per node (Lucene's M)
 * @param beamWidth HNSW candidates considered while inserting (Lucene's efConstruction)
 * @param oversample for quantized formats, candidates fetched per requested hit before
 *     full-precision rescoring
 * @param efSearch fewest candidates a graph search collects per query, whatever k is (HNSW's ef at
 *     query time). Lucene's graph search keeps exactly as many candidates as it is asked for, so
 *     asking for k=10 explores a 10-wide beam and misses true neighbours; asking for {@code max(k,
 *     efSearch)} and keeping the best k buys recall for latency. Stored in the commit, so searchers
 *     of the index use what it was built with.
 */
public record IndexSettings(
    VectorFormat format, int maxConn, int beamWidth, double oversample, int efSearch)
    implements java.io.Serializable {
  /** Lucene's own limits for the HNSW parameters. */
  static final int MAX_MAX_CONN = 512;

  static final int MAX_BEAM_WIDTH = 3200;
  static final double MAX_OVERSAMPLE = 100.0;

  /**
   * Lucene caps a graph search's k far higher; beyond this a beam costs more than scanning a shard
   * exactly.
   */
  public static final int MAX_EF_SEARCH = 10_000;

  /**
   * The reference default of {@code index.hnsw.ef-search}; also what indexes committed without the
   * key use.
   */
  public static final int DEFAULT_EF_SEARCH = 64;

  public static final IndexSettings DEFAULT =
      new IndexSettings(VectorFormat.HNSW, 16, 100, 3.0, DEFAULT_EF_SEARCH);

  /** Settings with the default {@code efSearch}. */
  public IndexSettings(VectorFormat format, int maxConn, int beamWidth, double oversample) {
    this(format, maxConn, beamWidth, oversample, DEFAULT_EF_SEARCH);
  }

  public IndexSettings {
    Objects.requireNonNull(format, "format");
    if (maxConn < 2 || maxConn > MAX_MAX_CONN) {
      throw new IllegalArgumentException(
          "maxConn must be in 2.." + MAX_MAX_CONN + ", got " + maxConn);
    }
    if (beamWidth < 1 || beamWidth > MAX_BEAM_WIDTH) {
      throw new IllegalArgumentException(
          "beamWidth must be in 1.." + MAX_BEAM_WIDTH + ", got " + beamWidth);
    }
    if (!(oversample >= 1.0 && oversample <= MAX_OVERSAMPLE)) {
      throw new IllegalArgumentException(
          "oversample must be in 1.0.." + MAX_OVERSAMPLE + ", got " + oversample);
    }
    if (efSearch < 1 || efSearch > MAX_EF_SEARCH) {
      throw new IllegalArgumentException(
          "efSearch must be in 1.." + MAX_EF_SEARCH + ", got " + efSearch);
    }
  }

  /** Reads the {@code index.*} keys; a bad value is a {@code UserError} naming the key. */
  public static IndexSettings from(Config c) {
    return new IndexSettings(
        c.enumValue("index.format", VectorFormat.class),
        c.integer("index.hnsw.max-conn", 2, MAX_MAX_CONN),
        c.integer("index.hnsw.beam-width", 1, MAX_BEAM_WIDTH),
        c.decimal("index.rescore.oversample", 1.0, MAX_OVERSAMPLE),
        c.integer("index.hnsw.ef-search", 1, MAX_EF_SEARCH));
  }

  public IndexSettings withFormat(VectorFormat f) {
    return new IndexSettings(f, maxConn, beamWidth, oversample, efSearch);
  }

  public IndexSettings withEfSearch(int ef) {
    return new IndexSettings(format, maxConn, beamWidth, oversample, ef);
  }

  /** Candidates to fetch from the graph for {@code k} final hits. */
  public int candidates(int k) {
    return candidates(format, k, oversample, efSearch);
  }

  /**
   * Candidates a graph search collects for {@code k} final hits: the oversampled k for quantized
   * formats (they are rescored with full precision and cut to k), and never fewer than {@code
   * efSearch}.
   */
  public static int candidates(VectorFormat format, int k, double oversample, int efSearch) {
    int wanted = format.quantized() ? (int) Math.ceil(k * oversample) : k;
    return Math.max(wanted, efSearch);
  }
}
