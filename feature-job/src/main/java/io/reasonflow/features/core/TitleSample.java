package io.reasonflow.features.core;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The catalogue titles the content fit learns from: at most {@code size} of them, those whose item
 * ids have the smallest {@link SeededHash} (bottom-k sampling), among titles with at least one
 * {@link TitleWords word}. So the fit's time is bounded whatever the catalogue's size, and the
 * sample depends only on the ids and the seed: not on the order the titles arrive in, nor on how
 * they are split among subtasks (the k smallest of a union are the k smallest of its parts' k
 * smallest, so each subtask can keep its own and one place merge them).
 *
 * <p>Mutable; {@code size} 0 keeps every title.
 */
public final class TitleSample {
  /** A catalogue item's title. */
  public record Entry(String id, String title) implements Serializable {}

  private record Rank(long hash, String id) {}

  private static final Comparator<Rank> ORDER =
      Comparator.comparingLong(Rank::hash).thenComparing(Rank::id);

  private final int size;
  private final long seed;
  private final TreeMap<Rank, Entry> kept = new TreeMap<>(ORDER);

  /**
   * @param size titles kept, at most; 0 keeps them all
   * @param seed the hash's seed
   */
  public TitleSample(int size, long seed) {
    if (size < 0) {
      throw new IllegalArgumentException("size must be 0 (all) or positive, got " + size);
    }
    this.size = size;
    this.seed = seed;
  }

  /** Offers an item; a title without words is never kept. */
  public void add(Entry e) {
    Rank r = new Rank(SeededHash.of(seed, e.id()), e.id());
    if (size > 0 && kept.size() == size && ORDER.compare(r, kept.lastKey()) > 0) {
      return;
    }
    if (TitleWords.of(e.title()).isEmpty()) {
      return;
    }
    kept.put(r, e);
    if (size > 0 && kept.size() > size) {
      kept.pollLastEntry();
    }
  }

  public void addAll(Iterable<Entry> entries) {
    entries.forEach(this::add);
  }

  /** The titles kept, in hash order. */
  public List<Entry> entries() {
    return new ArrayList<>(kept.values());
  }

  public int size() {
    return kept.size();
  }

  /** The sample of {@code titles} (id to title) as id to title. */
  public static Map<String, String> of(Map<String, String> titles, int size, long seed) {
    TitleSample s = new TitleSample(size, seed);
    titles.forEach((id, t) -> s.add(new Entry(id, t)));
    Map<String, String> out = new TreeMap<>();
    s.kept.values().forEach(e -> out.put(e.id(), e.title()));
    return out;
  }
}
