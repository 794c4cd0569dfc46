package io.reasonflow.reasons.evidence;

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

  private final Map<String, Integer> docFreq;
  private final int titles;
  private final double maxDocFraction;

  /**
   * The salient terms of every title the statistics were taken over, tokenised once: evidence and
   * verification ask for the same catalogue titles for every anchor of every candidate.
   */
  private final Map<String, Set<String>> salientByTitle;

  private TitleTerms(
      Map<String, Integer> docFreq, Collection<String> catalogueTitles, double maxDocFraction) {
    this.docFreq = docFreq;
    this.titles = catalogueTitles.size();
    this.maxDocFraction = maxDocFraction;
    Map<String, Set<String>> salient = new HashMap<>();
    for (String t : catalogueTitles) {
      salient.computeIfAbsent(t, this::tokeniseSalient);
    }
    this.salientByTitle = salient;
  }

  /** Term statistics over {@code titles} (one entry per catalogue item). */
  public static TitleTerms over(Collection<String> titles, double maxDocFraction) {
    if (!(maxDocFraction > 0 && maxDocFraction <= 1)) {
      throw new IllegalArgumentException("maxDocFraction must be in (0, 1], got " + maxDocFraction);
    }
    Map<String, Integer> df = new HashMap<>();
    for (String t : titles) {
      for (String w : words(t)) {
        df.merge(w, 1, Integer::sum);
      }
    }
    return new TitleTerms(Map.copyOf(df), titles, maxDocFraction);
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
    Set<String> known = salientByTitle.get(title);
    return known != null ? known : tokeniseSalient(title);
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
    int df = docFreq.getOrDefault(term, 0);
    return titles == 0 || df <= maxDocFraction * titles;
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
          int c = Integer.compare(docFreq.getOrDefault(x, 0), docFreq.getOrDefault(y, 0));
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
