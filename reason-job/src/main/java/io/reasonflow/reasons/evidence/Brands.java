package io.reasonflow.reasons.evidence;

import io.reasonflow.common.text.BoundedMemo;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Brands inferred from a catalogue's titles, for catalogues with no brand field (the Beauty data
 * has none). Titles start with their brand ("Suave Keratin Infusion ...", "John Frieda Precision
 * Foam ...", "L'Oreal Paris ..."), so:
 *
 * <ul>
 *   <li>a title's first word is a brand when it starts at least {@value #MIN_TITLES} titles and
 *       starts titles more often than it occurs later in titles (that rejects descriptive first
 *       words like "Organic" or "Matte"), and is not a product-type word;
 *   <li>the brand runs on into the next word while at least {@value #CONTINUE_SHARE} of the titles
 *       it starts go on with that same word and the word is not a type word or a number ("John" +
 *       "Frieda", "Toni" + "&amp;" + "Guy"; "OPI" stops before "Nail"), up to {@value #MAX_WORDS}
 *       words.
 * </ul>
 *
 * A catalogue brand field, where there is one, is used as given.
 */
public final class Brands {
  static final int MIN_TITLES = 2;
  static final double CONTINUE_SHARE = 0.7;
  static final int MAX_WORDS = 3;
  private static final Set<String> NOT_BRAND =
      Set.of(
          "the",
          "a",
          "an",
          "new",
          "pack",
          "set",
          "lot",
          "best",
          "sale",
          "professional",
          "pro",
          "organic",
          "natural",
          "pure",
          "premium",
          "luxury",
          "deluxe",
          "original",
          "genuine",
          "authentic",
          "men's",
          "mens",
          "women's",
          "womens",
          "kids",
          "baby",
          "hair",
          "nail",
          "skin",
          "face",
          "body",
          "eye",
          "lip",
          "makeup",
          "beauty",
          "anti",
          "super",
          "ultra",
          "mini",
          "large",
          "small",
          "black",
          "white");

  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[,:;.!]+$");
  private static final Pattern TRAILING_BRAND_PUNCTUATION = Pattern.compile("[,:;.!-]+$");
  private static final Pattern ABBREVIATION = Pattern.compile("\\p{L}{1,3}\\.");
  private static final Pattern DIGIT = Pattern.compile("\\d");

  /**
   * Titles' brands, asked for again and again (every candidate and anchor, in every shape and by
   * the verifier); the counts it reads do not change once built.
   */
  private final BoundedMemo<String, Optional<String>> brands =
      new BoundedMemo<>(1 << 20, this::brandOfOnce);

  private final ProductTypes types;
  private final Map<String, Integer> firstCount = new HashMap<>();
  private final Map<String, Integer> laterCount = new HashMap<>();
  private final Map<String, Map<String, Integer>> nextWord = new HashMap<>();
  private final Map<String, Integer> prefixCount = new HashMap<>();

  private Brands(Collection<String> titles, ProductTypes types) {
    this.types = types;
    for (String t : titles) {
      List<String> w = tokens(t);
      for (int i = 0; i < w.size(); i++) {
        (i == 0 ? firstCount : laterCount).merge(key(w.get(i)), 1, Integer::sum);
      }
      // a brand is read at most MAX_WORDS words long, so only the prefixes it can run on from (up
      // to MAX_WORDS - 1 words) and the word after each are counted
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < Math.min(w.size(), MAX_WORDS); i++) {
        if (i > 0) {
          nextWord
              .computeIfAbsent(prefix.toString(), k -> new HashMap<>())
              .merge(key(w.get(i)), 1, Integer::sum);
          prefix.append(' ');
        }
        prefix.append(key(w.get(i)));
        if (i < MAX_WORDS - 1) {
          prefixCount.merge(prefix.toString(), 1, Integer::sum);
        }
      }
    }
    forgetWhatCannotDecide();
  }

  /**
   * Drops the counts {@link #brandOfOnce} would read and decide the same without: words that start
   * fewer than {@link #MIN_TITLES} titles (and their later counts), prefixes that start fewer, and
   * next words too rare to reach {@link #CONTINUE_SHARE} of a prefix that starts enough. Over a
   * catalogue's titles most of these counts are one, one per title, so what is kept grows with the
   * brands and the words that follow them, not with the items.
   */
  private void forgetWhatCannotDecide() {
    firstCount.values().removeIf(n -> n < MIN_TITLES);
    laterCount.keySet().retainAll(firstCount.keySet());
    prefixCount.values().removeIf(n -> n < MIN_TITLES);
    nextWord.keySet().retainAll(prefixCount.keySet());
    for (Map<String, Integer> next : nextWord.values()) {
      next.values().removeIf(n -> n < CONTINUE_SHARE * MIN_TITLES);
    }
    nextWord.values().removeIf(Map::isEmpty);
  }

  /** Brand statistics over a catalogue's titles. */
  public static Brands over(Collection<String> titles, ProductTypes types) {
    return new Brands(titles, types);
  }

  /** Title words as written (case kept), split on white space. */
  static List<String> tokens(String title) {
    String t = title.strip();
    return t.isEmpty() ? List.of() : List.of(SPACES.split(t));
  }

  private static String key(String word) {
    return TRAILING_PUNCTUATION.matcher(word.toLowerCase(Locale.ROOT)).replaceAll("");
  }

  /** The brand the title starts with, as the title spells it, if it starts with one. */
  public Optional<String> brandOf(String title) {
    return brands.get(title);
  }

  /**
   * As {@link #brandOf}, without remembering the title: for a pass over every title of a catalogue,
   * whose titles the memory would otherwise keep.
   */
  public Optional<String> brandOfUnremembered(String title) {
    return brandOfOnce(title);
  }

  private Optional<String> brandOfOnce(String title) {
    List<String> w = tokens(title);
    if (w.isEmpty()) {
      return Optional.empty();
    }
    String first = key(w.get(0));
    if (!isBrandWord(w.get(0))
        || firstCount.getOrDefault(first, 0) < MIN_TITLES
        || firstCount.getOrDefault(first, 0) <= laterCount.getOrDefault(first, 0)) {
      return Optional.empty();
    }
    int words = 1;
    String prefix = first;
    while (words < Math.min(MAX_WORDS, w.size())) {
      String next = key(w.get(words));
      int starts = prefixCount.getOrDefault(prefix, 0);
      int goOn = nextWord.getOrDefault(prefix, Map.of()).getOrDefault(next, 0);
      boolean joiner = next.equals("&") || next.equals("and");
      if (starts < MIN_TITLES
          || goOn < CONTINUE_SHARE * starts
          || (!joiner && !isBrandWord(w.get(words)))
          || joiner && words + 1 >= w.size()) {
        break;
      }
      prefix = prefix + " " + next;
      words++;
    }
    if (key(w.get(words - 1)).equals("&") || key(w.get(words - 1)).equals("and")) {
      words--;
    }
    if (words == 1 && ABBREVIATION.matcher(w.get(0)).matches()) {
      return Optional
          .empty(); // an abbreviation ("Dr.", "St.") is a title or a word, never a brand on its own
    }
    String brand =
        TRAILING_BRAND_PUNCTUATION.matcher(String.join(" ", w.subList(0, words))).replaceAll("");
    return brand.isEmpty() ? Optional.empty() : Optional.of(brand);
  }

  private boolean isBrandWord(String word) {
    String k = key(word);
    return k.chars().anyMatch(Character::isLetter)
        && !NOT_BRAND.contains(k)
        && !types.startsPhrase(k)
        && !DIGIT.matcher(k).find();
  }
}
