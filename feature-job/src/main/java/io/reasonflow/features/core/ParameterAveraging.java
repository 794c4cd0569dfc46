package io.reasonflow.features.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The averaging step of data-parallel item2vec: one item's rows from every training subtask of a
 * round become the next round's row.
 *
 * <p>The output vectors ({@code syn1neg}) are averaged over all workers: every shard updates them,
 * as context and as negative samples. The input vector ({@code syn0}) is averaged over the workers
 * whose shard held the item, since only they trained it; a worker that never saw the item returns
 * it unchanged, and counting that copy would halve every update of an item seen in one shard. Spark
 * MLlib's word2vec likewise averages a word's vector over the partitions that touched it; DL4J's
 * Spark trainer averages whole parameter sets. If no worker saw the item, all copies are the
 * previous round's vector and any of them is the answer.
 *
 * <p>Floating-point sums depend on their order, so the rows are summed in worker order whatever
 * order they arrived in: the result is a function of the rows alone.
 */
public final class ParameterAveraging {
  private ParameterAveraging() {}

  /**
   * The average of one item's rows (at least one, all of the same item, count and dimension).
   *
   * @return a row with {@code worker} -1 and {@code seen} whether any worker saw the item
   */
  public static Item2VecRow average(List<Item2VecRow> rows) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("rows must not be empty");
    }
    List<Item2VecRow> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingInt(Item2VecRow::worker));
    Item2VecRow first = sorted.getFirst();
    int dim = first.syn0().length;
    List<Item2VecRow> seen = new ArrayList<>();
    for (Item2VecRow r : sorted) {
      if (!r.item().equals(first.item()) || r.count() != first.count()) {
        throw new IllegalArgumentException(
            "rows of different items or counts: " + first.item() + " and " + r.item());
      }
      if (r.syn0().length != dim || r.syn1neg().length != dim) {
        throw new IllegalArgumentException("rows of different dimensions for " + first.item());
      }
      if (r.seen()) {
        seen.add(r);
      }
    }
    float[] syn0 = mean(seen.isEmpty() ? sorted : seen, true, dim);
    float[] syn1neg = mean(sorted, false, dim);
    return new Item2VecRow(first.item(), first.count(), -1, !seen.isEmpty(), syn0, syn1neg);
  }

  private static float[] mean(List<Item2VecRow> rows, boolean input, int dim) {
    float[] sum = new float[dim];
    for (Item2VecRow r : rows) {
      float[] v = input ? r.syn0() : r.syn1neg();
      for (int k = 0; k < dim; k++) {
        sum[k] += v[k];
      }
    }
    float n = rows.size();
    for (int k = 0; k < dim; k++) {
      sum[k] /= n;
    }
    return sum;
  }
}
