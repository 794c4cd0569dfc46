package io.reasonflow.reasons.evidence;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.store.CatalogueFile;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.common.text.BoundedMemo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every item the feature job wrote, by id: titles, vectors and shopper counts that evidence is
 * computed from and that the verifier re-reads.
 *
 * <p>Two forms. {@link #open} maps the catalogue's binary form ({@link CatalogueFile}, built once
 * per machine) and decodes an item when it is asked for: the reason job's tasks use it, so a
 * TaskManager's heap does not grow with the catalogue (200,000 items took 450 MB of heap and 9 s of
 * JSON in every subtask, docs/scaling.md). {@link #of} and {@link #read} hold every item in the
 * heap (tests, small catalogues, a cache directory that cannot be written).
 *
 * <p>What needs the whole catalogue (title statistics, popularity percentiles, an exact vector
 * scan) passes over it with {@link #forEach}, {@link #displayNames} or {@link #shopperCounts}, one
 * item at a time, in id order when mapped and in the order given when in the heap; none of them
 * keeps the items. What such a pass finds is computed once per catalogue and shared ({@link
 * #derived}).
 */
public final class ItemCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(ItemCatalog.class);

  /** The heap form, or null when mapped. */
  private final Map<String, ItemFeatures> items;

  /** The mapped form, or null when in the heap. */
  private final CatalogueFile mapped;

  /**
   * Items decoded lately, when mapped: a shopper's candidates and recent items are asked for again
   * and again (the generator, the evidence for each candidate against each recent item, the
   * realiser, the verifier), and finding and decoding one (its title, vector and some twenty
   * neighbours) takes 1.3 to 2.7 microseconds at 200,000 items. Without these the reason job over
   * Beauty's 22,363 shoppers spent a quarter more CPU than with the catalogue in the heap; keeping
   * 4,096 still cost a tenth more (docs/scaling.md). At most {@value #DECODED} items are kept
   * (about 2 KB each in the heap: 35 MB at most, against 450 MB for 200,000 items in the heap
   * form); past that they are all forgotten.
   */
  private final BoundedMemo<String, Optional<ItemFeatures>> decoded;

  /** Decoded items a mapped catalogue keeps ({@link #decoded}). */
  static final int DECODED = 1 << 14;

  /** Values computed from the whole catalogue ({@link #derived}), by their key. */
  private final Map<Derived<?>, Object> derived = new HashMap<>();

  private ItemCatalog(Map<String, ItemFeatures> items, CatalogueFile mapped) {
    this.items = items;
    this.mapped = mapped;
    this.decoded = mapped == null ? null : new BoundedMemo<>(DECODED, mapped::get);
  }

  /**
   * The items, in the heap.
   *
   * @throws IllegalArgumentException if an item is there twice
   */
  public static ItemCatalog of(Collection<ItemFeatures> features) {
    Map<String, ItemFeatures> m = new LinkedHashMap<>();
    for (ItemFeatures f : features) {
      if (m.put(f.id(), f) != null) {
        throw new IllegalArgumentException("item " + f.id() + " appears twice");
      }
    }
    return new ItemCatalog(Collections.unmodifiableMap(m), null);
  }

  /**
   * Reads {@code items.jsonl.gz} as the feature job wrote it into the heap.
   *
   * @throws UserError when the catalogue is missing, damaged or has an item twice (as {@link #open}
   *     says it)
   */
  public static ItemCatalog read(Path itemsFile) {
    List<ItemFeatures> items;
    try {
      items = JsonLines.readAll(itemsFile, ItemFeatures.class);
    } catch (RuntimeException e) {
      throw CatalogueFile.unreadable(itemsFile, e);
    }
    try {
      return of(items);
    } catch (IllegalArgumentException e) {
      throw new UserError(
          "the catalogue "
              + itemsFile
              + ": "
              + e.getMessage()
              + " (run the feature job again to rewrite it)");
    }
  }

  /**
   * The catalogue memory-mapped: its binary form under {@code cacheDir} (built from {@code
   * itemsFile} by the first task on this machine to open this version of it, then shared). When
   * that directory cannot be used (not writable, disk full), the catalogue is read into the heap
   * and a warning says why.
   *
   * @param itemsFile {@code items.jsonl.gz}, a file or the backfill's directory of parts
   * @param cacheDir where the binary form is kept ({@code reasons.store-cache-dir})
   * @throws UserError when the catalogue is missing, damaged or has an item twice, or its binary
   *     form is damaged even when built again
   */
  public static ItemCatalog open(Path itemsFile, Path cacheDir) {
    try {
      return new ItemCatalog(null, CatalogueFile.open(itemsFile, cacheDir));
    } catch (IOException | UncheckedIOException e) {
      LOG.warn(
          "could not map the catalogue {} through {} ({}); reading it into the heap instead"
              + " (set reasons.store-cache-dir to a writable local directory)",
          itemsFile,
          cacheDir,
          e.toString());
      return read(itemsFile);
    }
  }

  /** Whether the catalogue is memory-mapped ({@link #open}) rather than in the heap. */
  public boolean isMapped() {
    return mapped != null;
  }

  public Optional<ItemFeatures> get(String itemId) {
    return mapped != null ? decoded.get(itemId) : Optional.ofNullable(items.get(itemId));
  }

  public boolean contains(String itemId) {
    return mapped != null ? mapped.find(itemId) >= 0 : items.containsKey(itemId);
  }

  public int size() {
    return mapped != null ? mapped.size() : items.size();
  }

  /** Hands every item to {@code action}, one at a time, decoding each in turn when mapped. */
  public void forEach(Consumer<? super ItemFeatures> action) {
    if (mapped == null) {
      items.values().forEach(action);
      return;
    }
    for (int i = 0; i < mapped.size(); i++) {
      action.accept(mapped.features(i));
    }
  }

  /**
   * Every item's display name ({@link io.reasonflow.common.model.Item#displayName}: its title, or
   * "item " and its id), one per item, read afresh on each pass and kept nowhere: a view for
   * catalogue-wide title statistics, which may iterate it more than once.
   */
  public Collection<String> displayNames() {
    return new AbstractCollection<>() {
      @Override
      public Iterator<String> iterator() {
        if (mapped == null) {
          Iterator<ItemFeatures> it = items.values().iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return it.hasNext();
            }

            @Override
            public String next() {
              return it.next().item().displayName();
            }
          };
        }
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < mapped.size();
          }

          @Override
          public String next() {
            if (next >= mapped.size()) {
              throw new NoSuchElementException();
            }
            int i = next++;
            String title = mapped.title(i);
            // Item.displayName's rule; the id is decoded only for an item without a title
            return title.isEmpty() ? "item " + mapped.id(i) : title;
          }
        };
      }

      @Override
      public int size() {
        return ItemCatalog.this.size();
      }
    };
  }

  /** Every item's shopper count, one per item; nothing else of the items is decoded. */
  public IntStream shopperCounts() {
    return mapped != null
        ? IntStream.range(0, mapped.size()).map(mapped::shoppers)
        : items.values().stream().mapToInt(ItemFeatures::shoppers);
  }

  /**
   * A value computed from the whole catalogue (title statistics, the product-type lexicon that fits
   * it, its popularity percentiles), defined once next to the code that needs it and computed once
   * per catalogue by {@link #derived}.
   *
   * @param <T> the value; immutable, or safe for threads to share
   */
  public static final class Derived<T> {
    private final Function<ItemCatalog, T> compute;

    public Derived(Function<ItemCatalog, T> compute) {
      this.compute = java.util.Objects.requireNonNull(compute, "compute");
    }
  }

  /**
   * {@code key}'s value for this catalogue, computed on first use and then kept with the catalogue:
   * every recommender over it (each reason subtask builds one over the stores it shares with the
   * other subtasks of its JVM) needs these statistics, and each takes a pass over every item, which
   * at 200,000 items costs seconds. Threads asking meanwhile wait for the first; a computation may
   * ask for other derived values.
   */
  public <T> T derived(Derived<T> key) {
    synchronized (derived) {
      Object v = derived.get(key);
      if (v == null) {
        v = key.compute.apply(this);
        derived.put(key, v);
      }
      @SuppressWarnings("unchecked")
      T t = (T) v;
      return t;
    }
  }
}
