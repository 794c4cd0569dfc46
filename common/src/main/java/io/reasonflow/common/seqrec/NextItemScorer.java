package io.reasonflow.common.seqrec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores the next item for one shopper with a {@link NextItemFile}: the blend {@code knnWeight *
 * seq/max(seq) + (1 - knnWeight) * linear/max(linear)} that {@code eval-recs} reports as "blend
 * seq-kNN + linear", where
 *
 * <ul>
 *   <li>{@code seq} is the sequential item-kNN: the transitions rows of the history's {@value
 *       #ANCHORS} newest distinct items, the k-th newest (k = 0, 1, ...) weighted {@code
 *       knnDecay^k};
 *   <li>{@code linear} is the linear model: its rows of the history's {@code window} newest items
 *       (repeats included), the k-th newest (k = 1, 2, ...) weighted {@code decay^(k-1)}, as it was
 *       trained.
 * </ul>
 *
 * Plain Java over sparse rows (at most {@code (ANCHORS + window) x keep} additions), so one shopper
 * costs well under a millisecond. Immutable and thread-safe. In {@code common} for the reason job's
 * sake, like {@link SeqRecScorer}.
 */
public final class NextItemScorer {
  /** Newest distinct items of a history the sequential kNN starts from (as in eval-recs). */
  public static final int ANCHORS = 10;

  /**
   * How the two tables are blended.
   *
   * @param knnWeight weight of the sequential kNN; the linear model has the rest
   * @param knnDecay weight ratio of consecutive anchors of the sequential kNN
   */
  public record Blend(double knnWeight, double knnDecay) implements java.io.Serializable {
    public Blend {
      if (!(knnWeight >= 0 && knnWeight <= 1) || !(knnDecay > 0 && knnDecay <= 1)) {
        throw new IllegalArgumentException(
            "knnWeight must be in [0, 1] and knnDecay in (0, 1]: " + knnWeight + ", " + knnDecay);
      }
    }
  }

  private final NextItemFile file;
  private final Map<String, Integer> index;

  public NextItemScorer(NextItemFile file) {
    this.file = file;
    index = new HashMap<>();
    for (int i = 0; i < file.itemIds().size(); i++) {
      index.put(file.itemIds().get(i), i);
    }
  }

  /**
   * Reads and checks a model file.
   *
   * @throws IOException naming the file and what is wrong with it
   */
  public static NextItemScorer load(Path file) throws IOException {
    return new NextItemScorer(NextItemFile.read(file));
  }

  /** The items scored, in the order of the score arrays. */
  public List<String> itemIds() {
    return file.itemIds();
  }

  /** The position of {@code itemId} in {@link #itemIds()}, or -1 if the model does not know it. */
  public int indexOf(String itemId) {
    Integer i = index.get(itemId);
    return i == null ? -1 : i;
  }

  /** How the model was trained (from its file). */
  public String trainedWith() {
    return file.trainedWith();
  }

  /**
   * Blended scores in {@code [0, 1]} for every item of {@link #itemIds()} after a history of item
   * ids given oldest first; items the model does not know are skipped, and an empty (or all
   * unknown) history scores every item 0.
   */
  public double[] score(List<String> history, Blend blend) {
    List<Integer> known = new ArrayList<>(history.size());
    for (String h : history) {
      Integer i = index.get(h);
      if (i != null) {
        known.add(i);
      }
    }
    int n = file.itemIds().size();
    double[] seq = new double[n];
    double[] lin = new double[n];
    double w = 1;
    List<Integer> anchors = new ArrayList<>(ANCHORS);
    for (int k = known.size() - 1; k >= 0 && anchors.size() < ANCHORS; k--) {
      int a = known.get(k);
      if (!anchors.contains(a)) {
        anchors.add(a);
        add(file.transitions(), a, w, seq);
        w *= blend.knnDecay();
      }
    }
    w = 1;
    for (int k = 1; k <= file.window() && known.size() - k >= 0; k++) {
      add(file.linear(), known.get(known.size() - k), w, lin);
      w *= file.decay();
    }
    double maxSeq = max(seq);
    double maxLin = max(lin);
    double[] out = new double[n];
    for (int c = 0; c < n; c++) {
      out[c] =
          blend.knnWeight() * (maxSeq > 0 ? seq[c] / maxSeq : 0)
              + (1 - blend.knnWeight()) * (maxLin > 0 ? lin[c] / maxLin : 0);
    }
    return out;
  }

  private static void add(NextItemFile.Table t, int a, double w, double[] acc) {
    int[] targets = t.targets()[a];
    float[] weights = t.weights()[a];
    for (int x = 0; x < targets.length; x++) {
      acc[targets[x]] += w * weights[x];
    }
  }

  private static double max(double[] a) {
    double m = 0;
    for (double x : a) {
      m = Math.max(m, x);
    }
    return m;
  }
}
