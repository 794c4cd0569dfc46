package io.reasonflow.index;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * The codec that writes the vector field in the configured format. Only writing needs it: each
 * segment records its vector format's SPI name, so readers open any of these formats with the
 * default codec.
 */
final class ItemCodec {
  private ItemCodec() {}

  static Codec forSettings(IndexSettings s) {
    KnnVectorsFormat vectors = vectorsFormat(s);
    return new Lucene104Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return vectors;
      }
    };
  }

  static KnnVectorsFormat vectorsFormat(IndexSettings s) {
    return switch (s.format()) {
      case HNSW -> new Lucene99HnswVectorsFormat(s.maxConn(), s.beamWidth());
      case INT8 -> quantized(ScalarEncoding.UNSIGNED_BYTE, s);
      case INT4 -> quantized(ScalarEncoding.PACKED_NIBBLE, s);
      case BIN1 -> quantized(ScalarEncoding.SINGLE_BIT_QUERY_NIBBLE, s);
    };
  }

  private static KnnVectorsFormat quantized(ScalarEncoding encoding, IndexSettings s) {
    return new Lucene104HnswScalarQuantizedVectorsFormat(encoding, s.maxConn(), s.beamWidth());
  }
}
