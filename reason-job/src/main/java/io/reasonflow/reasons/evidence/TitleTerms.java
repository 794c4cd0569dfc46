package io.reasonflow.reasons.evidence;

import io.reasonflow.common.text.BoundedMemo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Salient title terms: the words of a title that say what the product is or who makes it ("opi",
 * "lacquer", "shampoo"), as opposed to sizes, units and glue words ("oz", "3.4", "for", "pack").
 * The Beauty catalogue has no brand or category fields, so shared salient terms stand in for both.
 *
 * <p>A term is salient when it has at least two letters, is not a stop or unit word, and occurs in
 * at most {@code maxDocFraction} of the catalogue's titles (a word in most titles, like "women",
 * says nothing about a pair).
 */
public final class TitleTerms {
  private static final Set<String> STOP =
      Set.of(
          "a",
          "an",
          "and",
          "the",
          "of",
          "for",
          "with",
          "by",
          "in",
          "on",
          "to",
          "or",
          "from",
          "at",
          "as",
          "is",
          "it",
          "its",
          "your",
          "you",
          "our",
          "all",
          "new",
          "set",
          "pack",
          "count",
          "ct",
          "pcs",
          "piece",
          "pieces",
          "each",
          "ea",
          "size",
          "oz",
          "ounce",
          "ounces",
          "fl",
          "ml",
          "g",
          "gr",
          "gram",
          "grams",
          "mg",
          "kg",
          "lb",
          "lbs",
          "inch",
          "inches",
          "x",
          "one",
          "two",
          "three",
          "plus",
          "value",
          "bottle",
          "bottles",
          "net",
          "wt",
          "free",
          "item",
          "items",
          "pk",
          "box",
          "kit",
          "jar",
          "jars",
          "tube",
          "tubes",
          "pump",
          "pumps",
          "can",
          "canister",
          "refill",
          "packs",
          "sets",
          "kits",
          "bonus",
          "gift",
          "travel",
          "mini",
          "large",
          "small",
          "sale",
          "best");

  /**
   * Compiled once: {@code String.split} compiles any pattern that is not a single literal character
   * on each call.
   */
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  /** Each term's document frequency over the catalogue's titles, once per catalogue. */
  private static final ItemCatalog.Derived<Frequencies> CATALOGUE_FREQUENCIES =
      new ItemCatalog.Derived<>(c -> Frequencies.over(c.displayNames()));

  /**
   * Titles whose salient terms a title-terms instance remembers; past that it forgets them all
   * ({@link BoundedMemo}).
   */
  static final int MEMO_TITLES = 1 << 20;

  private final Frequencies frequencies;
  private final double maxDocFraction;

  /**
   * The salient terms of titles asked about, tokenised once: evidence and verification ask for the
   * same catalogue titles for every anchor of every candidate. Filled as titles are asked for, not
   * for the whole catalogue up front (one set per item, 200,000 of them, in every subtask's heap).
   */
  private final BoundedMemo<String, Set<String>> salientByTitle;

  private TitleTerms(Frequencies frequencies, double maxDocFraction) {
    if (!(maxDocFraction > 0 && maxDocFraction <= 1)) {
      throw new IllegalArgumentException("maxDocFraction must be in (0, 1], got " + maxDocFraction);
    }
    this.frequencies = frequencies;
    this.maxDocFraction = maxDocFraction;
    this.salientByTitle = new BoundedMemo<>(MEMO_TITLES, this::tokeniseSalient);
  }

  /** Term statistics over {@code titles} (one entry per catalogue item). */
  public static TitleTerms over(Collection<String> titles, double maxDocFraction) {
    return new TitleTerms(Frequencies.over(titles), maxDocFraction);
  }

  /** Term statistics over the catalogue's display names, counted once per catalogue. */
  public static TitleTerms over(ItemCatalog catalog, double maxDocFraction) {
    return new TitleTerms(catalog.derived(CATALOGUE_FREQUENCIES), maxDocFraction);
  }

  /**
   * How many titles each candidate term is in, and how many titles there are: as many entries as
   * the catalogue has distinct words, whatever its number of items.
   */
  private record Frequencies(Map<String, Integer> docFreq, int titles) {
    static Frequencies over(Collection<String> titles) {
      Map<String, Integer> df = new HashMap<>();
      int n = 0;
      for (String t : titles) {
        n++;
        for (String w : words(t)) {
          df.merge(w, 1, Integer::sum);
        }
      }
      return new Frequencies(Map.copyOf(df), n);
    }
  }

  /**
   * Lower-cased candidate terms of a title in order of appearance: letters and digits, stop/unit
   * words removed.
   */
  static Set<String> words(String title) {
    Set<String> out = new LinkedHashSet<>();
    for (String raw : NON_WORD.split(title.toLowerCase(Locale.ROOT))) {
      if (raw.codePoints().filter(Character::isLetter).count() >= 2 && !STOP.contains(raw)) {
        out.add(raw);
      }
    }
    return out;
  }

  /** The salient terms of a title, in order of appearance; unmodifiable. */
  public Set<String> salient(String title) {
    return salientByTitle.get(title);
  }

  private Set<String> tokeniseSalient(String title) {
    Set<String> out = new LinkedHashSet<>();
    for (String w : words(title)) {
      if (isSalient(w)) {
        out.add(w);
      }
    }
    return Collections.unmodifiableSet(out);
  }

  private boolean isSalient(String term) {
    int df = frequencies.docFreq().getOrDefault(term, 0);
    return frequencies.titles() == 0 || df <= maxDocFraction * frequencies.titles();
  }

  /**
   * Salient terms in both titles, rarest first (the rarest shared word is the most telling), ties
   * by spelling.
   */
  public List<String> shared(String titleA, String titleB) {
    Set<String> b = salient(titleB);
    List<String> out = new ArrayList<>();
    for (String t : salient(titleA)) {
      if (b.contains(t)) {
        out.add(t);
      }
    }
    out.sort(
        (x, y) -> {
          Map<String, Integer> df = frequencies.docFreq();
          int c = Integer.compare(df.getOrDefault(x, 0), df.getOrDefault(y, 0));
          return c != 0 ? c : x.compareTo(y);
        });
    return out;
  }

  /** Jaccard overlap of the two titles' salient terms; 0 when either has none. */
  public double overlap(String titleA, String titleB) {
    Set<String> a = salient(titleA);
    Set<String> b = salient(titleB);
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    long both = a.stream().filter(b::contains).count();
    return (double) both / (a.size() + b.size() - both);
  }
}
