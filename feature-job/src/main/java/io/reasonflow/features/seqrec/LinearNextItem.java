package io.reasonflow.features.seqrec;

import io.reasonflow.common.NativeLibraries;
import io.reasonflow.common.config.Config;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;

/**
 * A closed-form linear next-item model in the style of SLIT (the transition part of SLIST, Choi et
 * al., WWW 2021): every training position gives a source row {@code s} (the previous {@code window}
 * items, the k-th newest weighted {@code decay^(k-1)}) and a target (the item at the position); the
 * item-to-item matrix {@code B = (S'S + l2 I)^-1 S'T} minimises {@code |T - S B|^2 + l2 |B|^2}. A
 * history is scored as {@code s B}, {@code s} built from its newest items the same way.
 *
 * <p>Unlike the counted transitions of the sequential item-kNN, the regression accounts for items
 * that overlap in the source (two items that always appear together do not both add their followers
 * at full weight). The inverse is dense (n x n float, 585 MB for Beauty's 12,101 items) and
 * computed by OpenBLAS's Cholesky routines ({@code spotrf}, {@code spotri}) through the JavaCPP
 * bindings ND4J's CPU backend already ships; ND4J's own {@code InvertMatrix} allocates n^2 pivots
 * and an n^4 work array and cannot invert a matrix this size. Only the {@link Settings#keep()}
 * largest weights of each row of {@code B} are kept, so the model is small (n x keep) and scoring
 * costs {@code window x keep}.
 */
public final class LinearNextItem {
  /**
   * @param window previous items in a source row
   * @param decay weight of the k-th newest source item is {@code decay^(k-1)}
   * @param l2 ridge penalty on {@code B}
   * @param keep largest weights kept per row of {@code B}
   * @param minCount items seen fewer times than this in the training sequences are solved on the
   *     diagonal: the Gram matrix is taken as block-diagonal, the frequent items' block exact and
   *     the rare items' block its diagonal, so a rare item's row of {@code B} is its followers'
   *     weights over (its squared source weights + l2), as if it overlapped no other item (with l2
   *     well above its count the exact row differs little). The dense inverse is over the frequent
   *     items only, so its cost (m^3 time, 4 m^2 bytes) falls with their count; 1 is the exact
   *     solve
   */
  public record Settings(int window, double decay, double l2, int keep, int minCount)
      implements java.io.Serializable {
    public static final Settings DEFAULTS = new Settings(12, 0.9, 200, 500, 1);

    public Settings {
      if (window < 1 || keep < 1 || minCount < 1 || !(decay > 0 && decay <= 1) || !(l2 > 0)) {
        throw new IllegalArgumentException(
            String.format(
                "window, keep and minCount must be positive, decay in (0, 1], l2 positive: window %d,"
                    + " decay %s, l2 %s, keep %d, minCount %d",
                window, decay, l2, keep, minCount));
      }
    }

    /** As in a model file's "trained with" line. */
    @Override
    public String toString() {
      return String.format(
          "window %d, decay %s, l2 %s, keep %d, min-count %d", window, decay, l2, keep, minCount);
    }

    /** The {@code features.linear-next.*} keys. */
    public static Settings from(Config c) {
      return new Settings(
          c.integer("features.linear-next.window", 1, 50),
          c.decimal("features.linear-next.decay", 0.01, 1),
          c.decimal("features.linear-next.l2", 1e-3, 1e9),
          c.integer("features.linear-next.keep", 1, 100_000),
          c.integer("features.linear-next.min-count", 1, Integer.MAX_VALUE));
    }
  }

  /**
   * Largest catalogue solved for: the dense n x n inverse (4 n^2 bytes, 2.1 GB at this size) must
   * fit beside the rest of the process, and a Java buffer indexes it with an int.
   */
  public static final int MAX_ITEMS = 24_000;

  private final Settings s;
  private final int[][] targets;
  private final float[][] weights;

  private LinearNextItem(Settings s, int[][] targets, float[][] weights) {
    this.s = s;
    this.targets = targets;
    this.weights = weights;
  }

  /**
   * Solves for {@code B} over sequences of item indices in {@code [0, n)}, oldest first.
   *
   * @throws IllegalStateException if the Cholesky factorisation fails (l2 too small for the data)
   */
  public static LinearNextItem train(
      List<int[]> sequences, int n, Settings s, Consumer<String> progress) {
    NativeLibraries.load();
    long t0 = System.currentTimeMillis();
    // the modelled items: seen at least minCount times; row[i] is item i's row of the Gram matrix
    int[] count = new int[n];
    for (int[] seq : sequences) {
      for (int i : seq) {
        count[i]++;
      }
    }
    int[] row = new int[n];
    int[] itemOf = new int[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      row[i] = count[i] >= s.minCount() ? m : -1;
      if (row[i] >= 0) {
        itemOf[m++] = i;
      }
    }
    if (m > MAX_ITEMS) {
      throw new IllegalArgumentException(
          String.format(
              "linear next-item: %,d items seen at least %d times; the dense inverse is for up to"
                  + " %,d items (%,d MB): raise features.linear-next.min-count or leave the model"
                  + " out for this data",
              m, s.minCount(), MAX_ITEMS, (long) MAX_ITEMS * MAX_ITEMS * Float.BYTES >> 20));
    }
    // M = S'T, sparse: per modelled source item (its row), target item -> summed weight
    @SuppressWarnings("unchecked")
    Map<Integer, Double>[] mt = new Map[m];
    @SuppressWarnings("unchecked")
    Map<Integer, Double>[] rare = new Map[n];
    long bytes = (long) m * m * Float.BYTES;
    FloatPointer gram = new FloatPointer(Math.max(1, (long) m * m));
    try {
      Pointer.memset(gram, 0, Math.max(Float.BYTES, bytes));
      FloatBuffer g = gram.asBuffer();
      long rows = 0;
      // the rare items' block: per item, its Gram diagonal and its row of M
      double[] rareDiag = new double[n];
      for (int[] seq : sequences) {
        for (int t = 1; t < seq.length; t++) {
          Map<Integer, Double> src = source(seq, t, s);
          for (Map.Entry<Integer, Double> a : src.entrySet()) {
            int ia = a.getKey();
            double wa = a.getValue();
            int i = row[ia];
            if (i < 0) {
              rareDiag[ia] += wa * wa;
              if (rare[ia] == null) {
                rare[ia] = new HashMap<>();
              }
              rare[ia].merge(seq[t], wa, Double::sum);
              continue;
            }
            for (Map.Entry<Integer, Double> b : src.entrySet()) {
              int j = row[b.getKey()];
              if (j >= 0) {
                int idx = i * m + j;
                g.put(idx, g.get(idx) + (float) (wa * b.getValue()));
              }
            }
            if (mt[i] == null) {
              mt[i] = new HashMap<>();
            }
            mt[i].merge(seq[t], wa, Double::sum);
          }
          rows++;
        }
      }
      for (int i = 0; i < m; i++) {
        g.put(i * m + i, g.get(i * m + i) + (float) s.l2());
      }
      progress.accept(
          String.format(
              "linear next-item: %,d training positions, %,d x %,d Gram matrix (%,d of %,d items"
                  + " seen >= %d times; the others on the diagonal) in %.1f s; inverting",
              rows, m, m, m, n, s.minCount(), (System.currentTimeMillis() - t0) / 1000.0));
      long t1 = System.currentTimeMillis();
      if (m > 0) {
        int info = openblas.LAPACKE_spotrf(openblas.LAPACK_ROW_MAJOR, (byte) 'U', m, gram, m);
        if (info == 0) {
          info = openblas.LAPACKE_spotri(openblas.LAPACK_ROW_MAJOR, (byte) 'U', m, gram, m);
        }
        if (info != 0) {
          throw new IllegalStateException(
              "linear next-item: the Cholesky inverse failed (LAPACK info "
                  + info
                  + "); raise features.linear-next.l2");
        }
      }
      // spotri leaves the upper triangle: mirror it so every row of the inverse is contiguous
      for (int i = 0; i < m; i++) {
        for (int j = i + 1; j < m; j++) {
          g.put(j * m + i, g.get(i * m + j));
        }
      }
      progress.accept(
          String.format(
              "linear next-item: inverse in %.1f s", (System.currentTimeMillis() - t1) / 1000.0));
      long t2 = System.currentTimeMillis();
      int[][] mTargets = new int[m][];
      float[][] mValues = new float[m][];
      for (int k = 0; k < m; k++) {
        Map<Integer, Double> r = mt[k] == null ? Map.of() : mt[k];
        mTargets[k] = new int[r.size()];
        mValues[k] = new float[r.size()];
        int x = 0;
        for (Map.Entry<Integer, Double> e : r.entrySet()) {
          mTargets[k][x] = e.getKey();
          mValues[k][x++] = e.getValue().floatValue();
        }
      }
      int[][] targets = new int[n][];
      float[][] weights = new float[n][];
      java.util.Arrays.fill(targets, new int[0]);
      java.util.Arrays.fill(weights, new float[0]);
      int size = m;
      // B[a] = sum_k P[a][k] M[k]: the inverse's row a times the sparse M, top `keep` kept
      IntStream.range(0, m)
          .parallel()
          .forEach(
              a -> {
                float[] p = new float[size];
                gram.asBuffer().get(a * size, p);
                float[] acc = new float[n];
                for (int k = 0; k < size; k++) {
                  float pk = p[k];
                  int[] t = mTargets[k];
                  float[] v = mValues[k];
                  for (int x = 0; x < t.length; x++) {
                    acc[t[x]] += pk * v[x];
                  }
                }
                int[] top = top(acc, s.keep());
                float[] w = new float[top.length];
                for (int x = 0; x < top.length; x++) {
                  w[x] = acc[top[x]];
                }
                targets[itemOf[a]] = top;
                weights[itemOf[a]] = w;
              });
      // the rare items' rows: M[a] / (G[a][a] + l2), sparse (no dense row per item)
      for (int a = 0; a < n; a++) {
        if (rare[a] == null) {
          continue;
        }
        int[] idx = new int[rare[a].size()];
        float[] val = new float[idx.length];
        int x = 0;
        double d = rareDiag[a] + s.l2();
        for (Map.Entry<Integer, Double> e : rare[a].entrySet()) {
          idx[x] = e.getKey();
          val[x++] = (float) (e.getValue() / d);
        }
        Row r = topOf(idx, val, s.keep());
        targets[a] = r.targets();
        weights[a] = r.weights();
      }
      progress.accept(
          String.format(
              "linear next-item: B (top %d of each row) in %.1f s; %.1f s in all",
              s.keep(),
              (System.currentTimeMillis() - t2) / 1000.0,
              (System.currentTimeMillis() - t0) / 1000.0));
      return new LinearNextItem(s, targets, weights);
    } finally {
      gram.close();
    }
  }

  /**
   * The source row of position {@code t}: its {@code window} predecessors, the k-th newest at
   * {@code decay^(k-1)} (a repeated item sums its weights).
   */
  private static Map<Integer, Double> source(int[] seq, int t, Settings s) {
    Map<Integer, Double> src = new HashMap<>();
    double w = 1;
    for (int k = 1; k <= s.window() && t - k >= 0; k++) {
      src.merge(seq[t - k], w, Double::sum);
      w *= s.decay();
    }
    return src;
  }

  /**
   * Indices of the {@code keep} largest non-zero values, largest first (a min-heap of the best so
   * far: one pass, no boxing over the n values of a row).
   */
  public static int[] top(float[] acc, int keep) {
    int[] heap = new int[keep];
    int size = 0;
    for (int i = 0; i < acc.length; i++) {
      if (acc[i] == 0) {
        continue;
      }
      if (size < keep) {
        heap[size] = i;
        int c = size++;
        while (c > 0 && acc[heap[(c - 1) / 2]] > acc[heap[c]]) {
          swap(heap, c, (c - 1) / 2);
          c = (c - 1) / 2;
        }
      } else if (acc[i] > acc[heap[0]]) {
        heap[0] = i;
        int c = 0;
        while (true) {
          int l = 2 * c + 1;
          int r = l + 1;
          int min = c;
          if (l < size && acc[heap[l]] < acc[heap[min]]) {
            min = l;
          }
          if (r < size && acc[heap[r]] < acc[heap[min]]) {
            min = r;
          }
          if (min == c) {
            break;
          }
          swap(heap, c, min);
          c = min;
        }
      }
    }
    Integer[] order = new Integer[size];
    for (int k = 0; k < size; k++) {
      order[k] = heap[k];
    }
    java.util.Arrays.sort(order, (x, y) -> Float.compare(acc[y], acc[x]));
    int[] out = new int[size];
    for (int k = 0; k < size; k++) {
      out[k] = order[k];
    }
    return out;
  }

  /** A row of {@code B}: targets, largest weight first, and their weights. */
  public record Row(int[] targets, float[] weights) {}

  /**
   * The {@code keep} largest non-zero entries of a sparse row ({@code idx[x]} at {@code val[x]}),
   * largest first, ties by index: what {@link #top} picks from the same row held densely, without
   * an array the size of the catalogue.
   */
  public static Row topOf(int[] idx, float[] val, int keep) {
    Integer[] order = new Integer[idx.length];
    int size = 0;
    for (int x = 0; x < idx.length; x++) {
      if (val[x] != 0) {
        order[size++] = x;
      }
    }
    Integer[] live = java.util.Arrays.copyOf(order, size);
    java.util.Arrays.sort(
        live, (p, q) -> val[p] != val[q] ? Float.compare(val[q], val[p]) : idx[p] - idx[q]);
    int k = Math.min(keep, size);
    int[] t = new int[k];
    float[] w = new float[k];
    for (int x = 0; x < k; x++) {
      t[x] = idx[live[x]];
      w[x] = val[live[x]];
    }
    return new Row(t, w);
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  /**
   * Adds {@code s B} to {@code acc} for a history of item indices, oldest first (its newest items
   * are the source row of the position after it).
   */
  public void addScores(int[] history, double[] acc) {
    if (history.length == 0) {
      return;
    }
    for (Map.Entry<Integer, Double> e : source(history, history.length, s).entrySet()) {
      int[] t = targets[e.getKey()];
      float[] w = weights[e.getKey()];
      double sw = e.getValue();
      for (int x = 0; x < t.length; x++) {
        acc[t[x]] += sw * w[x];
      }
    }
  }

  public Settings settings() {
    return s;
  }

  /** Items the model was trained over (indices {@code [0, items())}). */
  public int items() {
    return targets.length;
  }

  /**
   * Row {@code item} of {@code B} as kept: its target items, largest weight first (empty for an
   * item seen fewer than {@link Settings#minCount()} times); {@link #weights} holds the weights.
   */
  public int[] targets(int item) {
    return targets[item];
  }

  /** The weights of {@link #targets}, in its order. */
  public float[] weights(int item) {
    return weights[item];
  }
}
