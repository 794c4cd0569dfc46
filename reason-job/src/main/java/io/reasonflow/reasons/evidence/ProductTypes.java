package io.reasonflow.reasons.evidence;

import io.reasonflow.common.text.BoundedMemo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Product types from titles: a lexicon of type phrases ({@code product-types/beauty.tsv}) and a
 * head-noun rule. A product title names its product type at the end of its head ("Suave Keratin
 * Infusion Color Care Dry Shampoo, 4.3 oz" is a dry shampoo; "OPI Nail Lacquer, Big Apple Red" a
 * nail polish), so the type is the lexicon phrase that ends nearest the end of the head: the title
 * before its first comma, dash, bracket, or for/with/by clause. Longer phrases win where two end at
 * one word ("hair brush" over "brush"). When the head names no type, the title's later segments are
 * tried in order, up to the first for/with clause. The most specific reading decides: where the
 * words before the matched phrase are another type's phrase ("Haircolor Remover"), or a word after
 * it makes the item a tool or add-on for the type ("Lipstick Sealer"), the title gets no type
 * rather than a false one. Deterministic from the title alone, so the verifier re-derives every
 * type claim from the catalogue title.
 */
public final class ProductTypes {
  static final String RESOURCE = "product-types/beauty.tsv";
  static final String INSTRUMENTS_RESOURCE = "product-types/instruments.tsv";
  private static final Pattern SEGMENT_BREAK =
      Pattern.compile(
          ",|;|:|\\||\\(|\\)|\\[|]| - | -- | – | — |(?i) (?:for|with|by|w/|from|featuring|plus|includes|including) ");
  private static final Pattern TOKEN = Pattern.compile("[^\\p{L}\\p{N}']+");

  private final String resource;
  private final Map<String, ProductType> byPhrase;
  private final int longestPhrase;
  private final java.util.Set<String> firstWords;
  private final java.util.Set<String> phraseWords;
  private final java.util.Set<String> furtherHeads;
  private final Map<String, java.util.Set<String>> compoundRoutines;

  // typing is a pure function of the title, asked for the same titles again and again (namer,
  // evidence, variants, verifier): each title is matched once, up to a catalogue's worth of titles
  private final BoundedMemo<String, Optional<Match>> matches =
      new BoundedMemo<>(1 << 20, this::matchOnce);

  private ProductTypes(
      String resource, Map<String, ProductType> byPhrase, java.util.Set<String> furtherHeads) {
    this.resource = resource;
    this.furtherHeads = java.util.Set.copyOf(furtherHeads);
    this.byPhrase = Map.copyOf(byPhrase);
    this.phraseWords =
        java.util.Set.copyOf(
            byPhrase.keySet().stream().flatMap(p -> List.of(p.split(" ")).stream()).toList());
    this.firstWords =
        java.util.Set.copyOf(byPhrase.keySet().stream().map(p -> p.split(" ")[0]).toList());
    this.longestPhrase =
        byPhrase.keySet().stream().mapToInt(p -> p.split(" ").length).max().orElse(1);
    Map<String, java.util.Set<String>> compounds = new HashMap<>();
    byPhrase.forEach(
        (phrase, type) -> {
          int space = phrase.lastIndexOf(' ');
          if (space > 0) {
            compounds
                .computeIfAbsent(phrase.substring(space + 1), k -> new java.util.HashSet<>())
                .add(type.domain());
          }
        });
    this.compoundRoutines = Map.copyOf(compounds);
  }

  private static final ProductTypes SHIPPED = load(RESOURCE);
  private static final ProductTypes INSTRUMENTS = load(INSTRUMENTS_RESOURCE);

  /** The beauty lexicon shipped with ReasonFlow (the default). */
  public static ProductTypes shipped() {
    return SHIPPED;
  }

  /** The musical-instruments lexicon shipped with ReasonFlow. */
  public static ProductTypes instruments() {
    return INSTRUMENTS;
  }

  /**
   * The shipped lexicon that fits the catalogue: the one that types more of its titles, beauty on a
   * tie (an empty catalogue). Detected rather than configured, so a catalogue is never named by
   * another category's types ("the Planet Waves essential oil" for a pick holder) and no sample
   * needs a key for it (the counts on both shipped catalogues are in docs/benchmarks.md).
   */
  public static ProductTypes forCatalogue(java.util.Collection<String> titles) {
    // each title typed without remembering it: this pass sees every title of the catalogue, and
    // both lexicons' memories would keep them all for the life of the JVM
    long beauty = 0;
    long instruments = 0;
    for (String t : titles) {
      beauty += t != null && SHIPPED.matchOnce(t).isPresent() ? 1 : 0;
      instruments += t != null && INSTRUMENTS.matchOnce(t).isPresent() ? 1 : 0;
    }
    return instruments > beauty ? INSTRUMENTS : SHIPPED;
  }

  /** The lexicon that fits the catalogue's display names, detected once per catalogue. */
  public static ProductTypes forCatalogue(ItemCatalog catalog) {
    return catalog.derived(CATALOGUE_LEXICON);
  }

  private static final ItemCatalog.Derived<ProductTypes> CATALOGUE_LEXICON =
      new ItemCatalog.Derived<>(c -> forCatalogue(c.displayNames()));

  /** The lexicon's resource, for provenance ("product-types/instruments.tsv"). */
  public String resource() {
    return resource;
  }

  private static ProductTypes load(String resource) {
    try (InputStream in = ProductTypes.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " missing from the classpath");
      }
      return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ProductTypes parse(String[] lines) {
    return parse(RESOURCE, lines);
  }

  static ProductTypes parse(String resource, String[] lines) {
    Map<String, ProductType> m = new HashMap<>();
    java.util.Set<String> further = new java.util.HashSet<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      if (f[0].equals(FURTHER_HEADS_LINE)) {
        if (f.length != 2) {
          throw new IllegalArgumentException(
              resource
                  + " line "
                  + (i + 1)
                  + ": want "
                  + FURTHER_HEADS_LINE
                  + ", words; got "
                  + line);
        }
        for (String w : f[1].split("\\|")) {
          further.add(normalise(w));
        }
        continue;
      }
      if (f.length != 4) {
        throw new IllegalArgumentException(
            resource + " line " + (i + 1) + ": want type, zh, domain, phrases; got " + line);
      }
      ProductType t = new ProductType(f[0].strip(), f[1].strip(), f[2].strip());
      m.put(normalise(t.en()), t);
      for (String p : f[3].split("\\|")) {
        ProductType old = m.put(normalise(p), t);
        if (old != null && !old.equals(t)) {
          throw new IllegalArgumentException(
              resource + " line " + (i + 1) + ": phrase '" + p + "' is also " + old.en());
        }
      }
    }
    return new ProductTypes(resource, m, further);
  }

  /**
   * A lexicon line that lists, '|'-separated, nouns that after a type phrase name another product
   * the phrase only modifies ("Acoustic Guitar Frets", "Pickup Selector Switch"): the lexicon's own
   * additions to {@link #CHANGED_HEADS}.
   */
  static final String FURTHER_HEADS_LINE = "@further-heads";

  /** Lower-cased words joined by single spaces; hyphens and punctuation separate words. */
  public static String normalise(String s) {
    return String.join(" ", words(s));
  }

  static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    for (String w : TOKEN.split(s.toLowerCase(Locale.ROOT).replace("&", " and "))) {
      String t = stripApostrophes(w);
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /** {@code w} without the apostrophes it starts or ends with ("'90s'" -> "90s"). */
  private static String stripApostrophes(String w) {
    int from = 0;
    int to = w.length();
    while (from < to && w.charAt(from) == '\'') {
      from++;
    }
    while (to > from && w.charAt(to - 1) == '\'') {
      to--;
    }
    return w.substring(from, to);
  }

  /** The product type the title names, if the lexicon knows it. */
  public Optional<ProductType> typeOf(String title) {
    return match(title).map(Match::type);
  }

  /**
   * Where in the title the type was found.
   *
   * @param type the type
   * @param segment the title segment (head first) that names it
   * @param phrase the phrase that matched, normalised
   */
  public record Match(ProductType type, String segment, String phrase) {}

  public Optional<Match> match(String title) {
    return title == null ? Optional.empty() : matches.get(title);
  }

  private Optional<Match> matchOnce(String title) {
    for (String segment : SEGMENT_BREAK.split(ownPart(title))) {
      List<String> w = words(segment);
      for (int end = w.size(); end > 0; end--) {
        for (int len = Math.min(longestPhrase, end); len >= 1; len--) {
          String phrase = String.join(" ", w.subList(end - len, end));
          ProductType t = byPhrase.get(phrase);
          if (t != null) {
            // the most specific reading decides: a head the lexicon knows only in another compound
            // is no type
            return compoundOfAnother(w, end - len, t) || changedHead(w, end, furtherHeads)
                ? Optional.empty()
                : Optional.of(new Match(t, segment.strip(), phrase));
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The title up to its first for/with clause: what follows says what the item is for or contains
   * ("Nail Drill File for Gels, Acrylics, Shellac" is no shellac; "Moisturizer with Sunscreen" no
   * sunscreen). A clause "for Women" or "for Men" only says who it is for, so the search goes on
   * past it (perfume titles name the type after it).
   */
  static String ownPart(String title) {
    java.util.regex.Matcher m = OWN_PART_END.matcher(title);
    while (m.find()) {
      if (!FOR_WHOM.matcher(title.substring(m.end())).lookingAt()) {
        return title.substring(0, m.start());
      }
    }
    return title;
  }

  private static final Pattern OWN_PART_END =
      Pattern.compile("(?i) (?:for|with|w/|includes|including) ");
  private static final Pattern FOR_WHOM =
      Pattern.compile("(?i)(?:men|women|him|her|unisex|man|woman)\\b");

  /**
   * Whether the words just before a matched phrase are themselves a phrase of another type: then
   * the matched word is the head of a compound the lexicon does not know ("Haircolor Remover" is no
   * nail polish remover, "Probiotic Powder" no face powder), and naming it by the head alone would
   * be a false claim.
   */
  private boolean compoundOfAnother(List<String> w, int start, ProductType matched) {
    for (int len = 1; len <= Math.min(longestPhrase, start); len++) {
      ProductType before = byPhrase.get(String.join(" ", w.subList(start - len, start)));
      if (before != null && !before.equals(matched)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a word after the phrase, in its segment, makes the item something else: a tool or
   * add-on for the type ("Lipstick Sealer", "Collagen Hydrator", "Fragrance Free Liquid", "Serum
   * Shaping Waist").
   */
  private static boolean changedHead(List<String> w, int end, java.util.Set<String> further) {
    if (end < w.size() && w.get(end).equals("free")) {
      return true; // "Fragrance Free Liquid": the type word is an adjective here
    }
    for (String after : w.subList(end, w.size())) {
      if (CHANGED_HEADS.contains(after) || further.contains(after)) {
        return true;
      }
    }
    return anOilOfIt(w, end);
  }

  /**
   * Whether an oil is named after a phrase that is not itself an oil: the item is that type's oil,
   * not the type ("Cocoa Butter Formula Soothing Oil" is no body butter, "Body Wash Oil" no body
   * wash). "Oil free" is no oil ("Moisturizer Oil Free"), and an oil after an oil's phrase ("Emu
   * Oil 100% Pure Moisturizing Oil") is the same product named twice.
   */
  private static boolean anOilOfIt(List<String> w, int end) {
    if (w.get(end - 1).equals("oil") || w.get(end - 1).equals("oils")) {
      return false;
    }
    for (int i = end; i < w.size(); i++) {
      boolean oil = w.get(i).equals("oil") || w.get(i).equals("oils");
      if (oil && !(i + 1 < w.size() && w.get(i + 1).equals("free"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Heads that, after a type phrase, name a different product (a sealer for lipstick is not a
   * lipstick).
   */
  static final java.util.Set<String> CHANGED_HEADS =
      java.util.Set.of(
          "sealer",
          "sealant",
          "hydrator",
          "shaping",
          "remover",
          "dispenser",
          "holder",
          "stand",
          "organizer",
          "sharpener",
          "refill",
          "refills",
          "replacement",
          "case",
          "bag",
          "pouch",
          "tool",
          "tools",
          "wand",
          "accessory",
          "display",
          "rack",
          "mold",
          "mould",
          "book",
          "chart");

  /**
   * Whether the match is a one-word head that the lexicon also knows, in a compound, as a type of
   * another routine: "serum" alone is a face serum, but "hair serum" is a hair oil; "mask" alone a
   * face mask, but "hair mask" a hair mask. A title that says only "Serum" leaves the routine open,
   * and something other than the word must settle it ({@code ItemNamer} asks the brand).
   */
  public boolean headOfOtherRoutines(Match m) {
    if (m.phrase().indexOf(' ') >= 0) {
      return false;
    }
    java.util.Set<String> routines = compoundRoutines.get(m.phrase());
    return routines != null && routines.stream().anyMatch(r -> !r.equals(m.type().domain()));
  }

  /**
   * The types whose phrases occur, as whole words, anywhere in {@code text} (a review): what a
   * reviewer calls the item ("this capo", "these strings"), wherever in the text it is said.
   */
  public java.util.Set<ProductType> typesMentioned(String text) {
    List<String> w = words(text == null ? "" : text);
    java.util.Set<ProductType> out = new java.util.HashSet<>();
    for (int i = 0; i < w.size(); i++) {
      for (int len = 1; len <= Math.min(longestPhrase, w.size() - i); len++) {
        ProductType t = byPhrase.get(String.join(" ", w.subList(i, i + len)));
        if (t != null) {
          out.add(t);
        }
      }
    }
    return out;
  }

  /** The type whose English or Chinese name is {@code name}, if the lexicon has one. */
  public Optional<ProductType> named(String name) {
    return byPhrase.values().stream()
        .filter(t -> t.en().equals(name) || t.zh().equals(name))
        .findFirst();
  }

  /** Whether {@code en} is the English name of a type in the lexicon. */
  public boolean knows(String en) {
    ProductType t = byPhrase.get(normalise(en));
    return t != null && t.en().equals(en);
  }

  /**
   * Whether {@code word} is one of the lexicon's type words ("eye", "cream"): a common noun, said
   * in lower case inside a name ("the eye cream").
   */
  public boolean typeWord(String word) {
    return phraseWords.contains(word.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether {@code word} (lower case) starts some type phrase: a brand never runs into one ("OPI
   * Nail ...").
   */
  public boolean startsPhrase(String word) {
    return firstWords.contains(word.toLowerCase(Locale.ROOT));
  }
}
