package io.reasonflow.features.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shoppers' item sequences as dense int ids, with the table of ids: what the next-item models (the
 * sequential network, the linear model and the sequential kNN) are fitted on. Ids are numbered by
 * first appearance. A sequence of fewer than two items is left out: it holds no training position
 * (each item after the first is one).
 */
public final class IndexedSequences {
  private Map<String, Integer> index = new HashMap<>();
  private final List<String> itemIds = new ArrayList<>();
  private List<int[]> sequences = new ArrayList<>();
  private long positions;

  /** Adds the last {@code keepLast} items of {@code seq} (all of a shorter one). */
  public void add(List<String> seq, int keepLast) {
    int from = Math.max(0, seq.size() - keepLast);
    int[] s = new int[seq.size() - from];
    for (int i = 0; i < s.length; i++) {
      s[i] =
          index.computeIfAbsent(
              seq.get(from + i),
              id -> {
                itemIds.add(id);
                return itemIds.size() - 1;
              });
    }
    if (s.length >= 2) {
      sequences.add(s);
      positions += s.length - 1;
    }
  }

  /** Item ids by dense id. */
  public List<String> itemIds() {
    return itemIds;
  }

  /** The sequences kept, as dense ids. */
  public List<int[]> sequences() {
    return sequences;
  }

  /** Training positions: items after the first, over all sequences kept. */
  public long positions() {
    return positions;
  }

  /**
   * Frees the sequences and the id lookup once a model is fitted; the id table stays, as a model
   * file names its items.
   */
  public void releaseSequences() {
    sequences = List.of();
    index = Map.of();
  }
}
