package io.reasonflow.features.core;

import java.io.Serializable;

/**
 * One item's share of item2vec's parameters in data-parallel training: its vocabulary entry and,
 * once training started, its input vector ({@code syn0}) and its negative-sampling output vector
 * ({@code syn1neg}). The model travels between rounds as these rows, so no operator needs more than
 * the vocabulary x dimension that one training subtask holds anyway.
 *
 * @param item the item id
 * @param count the item's occurrences in the whole corpus (all shards): fixes the shared token
 *     order, the negative-sampling table and subsampling
 * @param worker the training subtask that produced the row (merging sums in this order), or -1 for
 *     a vocabulary, starting or merged row
 * @param seen whether the item occurred in that worker's shard, so that its input vector was
 *     trained there (averaging takes the input vector from these workers only)
 * @param syn0 the input vector, or null before the first round (initialised from the seed)
 * @param syn1neg the output vector, or null before the first round (zeros)
 */
public record Item2VecRow(
    String item, long count, int worker, boolean seen, float[] syn0, float[] syn1neg)
    implements Serializable {

  /** A vocabulary entry: the item and its occurrences, no parameters yet. */
  public static Item2VecRow vocabulary(String item, long count) {
    return new Item2VecRow(item, count, -1, false, null, null);
  }

  /** Whether this row carries parameters (false for a vocabulary entry). */
  public boolean trained() {
    return syn0 != null;
  }
}
