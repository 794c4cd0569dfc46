package io.reasonflow.index;

import io.reasonflow.common.config.Config;
import java.util.Objects;

/**
 * How the item index builds its vector graph and how searches over quantized vectors rescore.
 *
 * @param format vector storage format
 * @param maxConn HNSW neighbours per node (Lucene's M)
 * @param beamWidth HNSW candidates considered while inserting (Lucene's efConstruction)
 * @param oversample for quantized formats, candidates fetched per requested hit before full-precision rescoring
 */
public record IndexSettings(VectorFormat format, int maxConn, int beamWidth, double oversample) {
  /** Lucene's own limits for the HNSW parameters. */
  static final int MAX_MAX_CONN = 512;
  static final int MAX_BEAM_WIDTH = 3200;
  static final double MAX_OVERSAMPLE = 100.0;

  public static final IndexSettings DEFAULT = new IndexSettings(VectorFormat.HNSW, 16, 100, 3.0);

  public IndexSettings {
    Objects.requireNonNull(format, "format");
    if (maxConn < 2 || maxConn > MAX_MAX_CONN) {
      throw new IllegalArgumentException("maxConn must be in 2.." + MAX_MAX_CONN + ", got " + maxConn);
    }
    if (beamWidth < 1 || beamWidth > MAX_BEAM_WIDTH) {
      throw new IllegalArgumentException("beamWidth must be in 1.." + MAX_BEAM_WIDTH + ", got " + beamWidth);
    }
    if (!(oversample >= 1.0 && oversample <= MAX_OVERSAMPLE)) {
      throw new IllegalArgumentException("oversample must be in 1.0.." + MAX_OVERSAMPLE + ", got " + oversample);
    }
  }

  /** Reads the {@code index.*} keys; a bad value is a {@code UserError} naming the key. */
  public static IndexSettings from(Config c) {
    return new IndexSettings(
        c.enumValue("index.format", VectorFormat.class),
        c.integer("index.hnsw.max-conn", 2, MAX_MAX_CONN),
        c.integer("index.hnsw.beam-width", 1, MAX_BEAM_WIDTH),
        c.decimal("index.rescore.oversample", 1.0, MAX_OVERSAMPLE));
  }

  public IndexSettings withFormat(VectorFormat f) {
    return new IndexSettings(f, maxConn, beamWidth, oversample);
  }

  /** Candidates to fetch from the graph for {@code k} final hits. */
  public int candidates(int k) {
    return format.quantized() ? (int) Math.ceil(k * oversample) : k;
  }
}
