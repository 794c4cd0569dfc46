package io.reasonflow.common.store;

/**
 * Sorts {@code long} keys ascending in place, moving each key's {@code int} value with it: the
 * co-view table's pairs and counts, tens of millions of them, without an index array or boxing
 * (which would cost more memory than the table). Quicksort with a median-of-three pivot, recursing
 * into the smaller side (so the stack stays logarithmic) and insertion sort for short ranges.
 */
final class PairSort {
  private static final int SHORT = 24;

  private PairSort() {}

  /** Sorts {@code keys[0, n)} and moves {@code values[0, n)} the same way. */
  static void sort(long[] keys, int[] values, int n) {
    sort(keys, values, 0, n - 1);
  }

  private static void sort(long[] keys, int[] values, int lo, int hi) {
    while (hi - lo >= SHORT) {
      int p = partition(keys, values, lo, hi);
      if (p - lo < hi - p) {
        sort(keys, values, lo, p - 1);
        lo = p + 1;
      } else {
        sort(keys, values, p + 1, hi);
        hi = p - 1;
      }
    }
    insertion(keys, values, lo, hi);
  }

  /**
   * Partitions [lo, hi] around the median of its first, middle and last keys; returns its index.
   */
  private static int partition(long[] k, int[] v, int lo, int hi) {
    int mid = (lo + hi) >>> 1;
    if (k[mid] < k[lo]) {
      swap(k, v, mid, lo);
    }
    if (k[hi] < k[lo]) {
      swap(k, v, hi, lo);
    }
    if (k[hi] < k[mid]) {
      swap(k, v, hi, mid);
    }
    // the median now at mid: park it at hi - 1; k[lo] <= pivot <= k[hi] bound the scans
    swap(k, v, mid, hi - 1);
    long pivot = k[hi - 1];
    int i = lo;
    int j = hi - 1;
    while (true) {
      while (k[++i] < pivot) {}
      while (k[--j] > pivot) {}
      if (i >= j) {
        break;
      }
      swap(k, v, i, j);
    }
    swap(k, v, i, hi - 1);
    return i;
  }

  private static void insertion(long[] k, int[] v, int lo, int hi) {
    for (int i = lo + 1; i <= hi; i++) {
      long key = k[i];
      int value = v[i];
      int j = i - 1;
      while (j >= lo && k[j] > key) {
        k[j + 1] = k[j];
        v[j + 1] = v[j];
        j--;
      }
      k[j + 1] = key;
      v[j + 1] = value;
    }
  }

  private static void swap(long[] k, int[] v, int a, int b) {
    long tk = k[a];
    k[a] = k[b];
    k[b] = tk;
    int tv = v[a];
    v[a] = v[b];
    v[b] = tv;
  }
}
