package io.reasonflow.index;

/**
 * How item vectors are kept in the HNSW graph. Quantized formats keep the full-precision vectors
 * next to the quantized ones, and searches rescore an oversampled candidate list with them, so
 * quantization costs recall only inside the candidate list, never in the scores a caller sees.
 */
public enum VectorFormat {
  /** Full-precision float32 vectors in the graph. */
  HNSW,
  /** 8 bits per dimension. */
  INT8,
  /** 4 bits per dimension (two dimensions a byte). */
  INT4,
  /** 1 bit per dimension for documents, 4 bits for the query (asymmetric). */
  BIN1;

  public boolean quantized() {
    return this != HNSW;
  }
}
