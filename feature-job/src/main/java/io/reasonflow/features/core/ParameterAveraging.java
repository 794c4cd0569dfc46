package io.reasonflow.features.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The merging step of data-parallel item2vec: one item's rows from every training subtask of a
 * round become the next round's row, by {@link #sumUpdates summed updates} (the default, {@code
 * features.item2vec.merge = sum}) or by {@link #average averaging}, as below.
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

  /** One item's next row from its rows of a round, as {@code merge} says. */
  public static Item2VecRow merge(List<Item2VecRow> rows, FeatureSettings.Merge merge) {
    return merge == FeatureSettings.Merge.SUM ? sumUpdates(rows) : average(rows);
  }

  /**
   * The average of one item's workers' rows (at least one, all of the same item, count and
   * dimension); a starting row ({@code worker} -1) among them is ignored.
   *
   * @return a row with {@code worker} -1 and {@code seen} whether any worker saw the item
   */
  public static Item2VecRow average(List<Item2VecRow> rows) {
    List<Item2VecRow> workers = new ArrayList<>();
    for (Item2VecRow r : rows) {
      if (r.worker() >= 0) {
        workers.add(r);
      }
    }
    if (workers.isEmpty()) {
      throw new IllegalArgumentException("rows must not be empty");
    }
    List<Item2VecRow> sorted = workers;
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

  /**
   * The other merge: the round's starting row (the one with {@code worker} -1) plus every worker's
   * change to it, summed in worker order. An item every shard holds then moves as far per round as
   * one model moving over all the shards' data would (averaging moves it half as far with two
   * shards: the mean of two half-data updates); an item one shard holds moves by that shard's
   * update, as with averaging over the shards that saw it.
   */
  public static Item2VecRow sumUpdates(List<Item2VecRow> rows) {
    Item2VecRow base = null;
    List<Item2VecRow> workers = new ArrayList<>();
    for (Item2VecRow r : rows) {
      if (r.worker() < 0) {
        if (base != null) {
          throw new IllegalArgumentException("two starting rows for " + r.item());
        }
        base = r;
      } else {
        workers.add(r);
      }
    }
    if (base == null) {
      throw new IllegalArgumentException("no starting row (worker -1) among " + rows.size());
    }
    workers.sort(Comparator.comparingInt(Item2VecRow::worker));
    int dim = base.syn0().length;
    float[] syn0 = base.syn0().clone();
    float[] syn1neg = base.syn1neg().clone();
    boolean seen = false;
    for (Item2VecRow r : workers) {
      if (!r.item().equals(base.item()) || r.count() != base.count()) {
        throw new IllegalArgumentException(
            "rows of different items or counts: " + base.item() + " and " + r.item());
      }
      if (r.syn0().length != dim || r.syn1neg().length != dim) {
        throw new IllegalArgumentException("rows of different dimensions for " + base.item());
      }
      for (int k = 0; k < dim; k++) {
        syn0[k] += r.syn0()[k] - base.syn0()[k];
        syn1neg[k] += r.syn1neg()[k] - base.syn1neg()[k];
      }
      seen |= r.seen();
    }
    return new Item2VecRow(base.item(), base.count(), -1, seen, syn0, syn1neg);
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
