package io.reasonflow.reasons.realise;

import io.reasonflow.common.text.HtmlEntities;
import io.reasonflow.reasons.evidence.Brands;
import io.reasonflow.reasons.evidence.ProductType;
import io.reasonflow.reasons.evidence.ProductTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names an item the way a person would: brand and product type ("the Suave dry shampoo", "the Toni &amp; Guy
 * leave-in conditioner"; zh-CN "Suave 干洗喷雾"), from the title by {@link Brands} and {@link ProductTypes}. Where
 * the title gives no brand or no known type, the name is the title's head with its marketing noise ("SALE!", "#1",
 * "As Seen on TV", pack counts) removed, cut only between words and never ending on a function word, a number, a
 * unit or a broken token ("the Anti Aging Serum Vitamin C from" becomes "Anti Aging Serum Vitamin C"). Both the
 * realiser and the verifier name items through here, so a name is checked to be the item's.
 */
public final class ItemNamer {
  static final int MAX_WORDS = 6;
  static final int MAX_CHARS = 48;
  private static final Pattern[] NOISE = {
      Pattern.compile("[★☆●•♥♡™®©✓✔❤]"),
      Pattern.compile("(?i)\\bas seen on (?:tv|t\\.v\\.)"),
      Pattern.compile("(?i)\\b(?:hot |big |mega )?sale\\b!*"),
      Pattern.compile("(?i)\\bnew!+"),
      Pattern.compile("(?i)#\\s?1\\b(?: best seller| seller| rated)?"),
      Pattern.compile("(?i)\\bbest ?seller\\b!*"),
      Pattern.compile("(?i)\\bfree shipping\\b!*"),
      Pattern.compile("(?i)\\(?\\bpack of \\d+\\)?"),
      Pattern.compile("(?i)\\(?\\bset of \\d+\\)?"),
      Pattern.compile("(?i)\\b\\d+[- ]?(?:pack|pk|count|ct|pcs|pieces|piece)\\b"),
      Pattern.compile("(?i)\\bvalue pack\\b"),
      Pattern.compile("!+")};
  private static final String[] SEPARATORS = {",", " - ", " -- ", " – ", " — ", " (", "(", " | ", ":", ";", " / ",
      "[", " ~ ", "~"};
  /** Words a name must not end (or start) on: they leave a phrase open. */
  static final Set<String> DANGLING = Set.of("a", "an", "and", "the", "of", "for", "with", "by", "in", "on", "to",
      "or", "from", "at", "as", "is", "it", "its", "your", "our", "plus", "w", "w/", "&", "+", "-", "/", "x", "vs",
      "per", "into", "onto", "that", "this", "these", "those", "via", "while", "when", "which", "who", "than",
      "oz", "ounce", "ounces", "fl", "ml", "g", "gr", "gram", "grams", "mg", "kg", "lb", "lbs", "inch", "inches",
      "pack", "count", "ct", "pcs", "pc", "pk", "piece", "pieces", "each", "ea", "size", "net", "wt", "oz.", "fl.");

  private final ProductTypes types;
  private final Brands brands;

  public ItemNamer(ProductTypes types, Brands brands) {
    this.types = types;
    this.brands = brands;
  }

  /** A namer whose brand statistics come from {@code catalogueTitles}. */
  public static ItemNamer over(Collection<String> catalogueTitles) {
    ProductTypes types = ProductTypes.shipped();
    return new ItemNamer(types, Brands.over(catalogueTitles.stream().map(ItemNamer::clean).toList(), types));
  }

  /** A namer with no catalogue: names are titles' clean heads (tests that need no brands). */
  public static ItemNamer titleOnly() {
    return over(List.of());
  }

  public ProductTypes types() {
    return types;
  }

  public Brands brands() {
    return brands;
  }

  /** The title with character references decoded and marketing noise removed, white space collapsed. */
  public static String clean(String title) {
    String t = HtmlEntities.decode(title == null ? "" : title);
    for (Pattern p : NOISE) {
      t = p.matcher(t).replaceAll(" ");
    }
    t = t.replaceAll("\\(\\s*\\)", " ").replaceAll("\\s+", " ").strip();
    return t.replaceAll("^[-,:;|~/+&. ]+", "").strip();
  }

  /** The brand the title starts with, if {@link Brands} finds one. */
  public Optional<String> brand(String title) {
    return brands.brandOf(clean(title));
  }

  /** The product type the title names. */
  public Optional<ProductType> type(String title) {
    return types.typeOf(clean(title));
  }

  /** How a reason names the item with this title: brand + type, or the title's clean head. */
  public String name(String title, ReasonLocale locale) {
    String t = clean(title);
    Optional<ProductType> type = types.typeOf(t);
    Optional<String> brand = brands.brandOf(t);
    if (type.isPresent() && brand.isPresent()) {
      String b = trimDangling(brand.get());
      if (!b.isEmpty()) {
        return b + " " + (locale == ReasonLocale.ZH_CN ? type.get().zh() : type.get().en());
      }
    }
    Optional<ProductTypes.Match> match = types.match(t);
    if (match.isPresent()) {
      String named = endingOnType(match.get());
      if (!named.isEmpty()) {
        return named;
      }
    }
    String head = head(t);
    return head.isEmpty() ? (t.isEmpty() ? title.strip() : t) : head;
  }

  /**
   * The title's head: its first separator-delimited segment that still names something once trimmed, at most
   * {@value #MAX_WORDS} whole words, no dangling end.
   */
  static String head(String t) {
    List<String> segments = new ArrayList<>();
    String rest = t;
    while (!rest.isEmpty()) {
      int cut = rest.length();
      int sepLen = 0;
      for (String sep : SEPARATORS) {
        int i = rest.indexOf(sep);
        if (i >= 0 && i < cut) {
          cut = i;
          sepLen = sep.length();
        }
      }
      segments.add(rest.substring(0, cut));
      rest = cut + sepLen >= rest.length() ? "" : rest.substring(cut + sepLen);
    }
    for (String segment : segments) {
      String h = limit(segment.strip());
      if (!h.isEmpty() && h.codePoints().anyMatch(Character::isLetter)) {
        return h;
      }
    }
    return "";
  }

  private static String limit(String h) {
    List<String> kept = new ArrayList<>();
    int chars = 0;
    for (String w : h.split(" ")) {
      if (kept.size() == MAX_WORDS || chars + (kept.isEmpty() ? 0 : 1) + w.length() > MAX_CHARS) {
        break;
      }
      chars += (kept.isEmpty() ? 0 : 1) + w.length();
      kept.add(w);
    }
    return trimDangling(String.join(" ", kept));
  }

  /**
   * The words of the segment that names the type, up to the type phrase, so the name ends on its head noun: "Rosemary
   * 100% Pure Therapeutic Grade Essential Oil" is not cut to "... Grade Essential". When that is too long, leading
   * words are kept as far as they fit beside the type phrase.
   */
  static String endingOnType(ProductTypes.Match m) {
    List<String> words = new ArrayList<>(Arrays.asList(m.segment().split("\\s+")));
    int typeWords = m.phrase().split(" ").length;
    int end = -1;
    for (int i = words.size(); i >= 1 && end < 0; i--) {
      String tail = ProductTypes.normalise(String.join(" ", words.subList(0, i)));
      if (tail.endsWith(m.phrase())) {
        end = i;
      }
    }
    if (end < 0) {
      return "";
    }
    List<String> typePart = words.subList(Math.max(0, end - typeWords), end);
    List<String> lead = words.subList(0, Math.max(0, end - typeWords));
    // the type's last word may carry glued punctuation ("Essential Oil- 10 ml"): keep the word, drop the mark
    String typeText = String.join(" ", typePart).replaceAll("[-,&/+.:;|~]+$", "");
    StringBuilder prefix = new StringBuilder();
    for (String w : lead) {
      int words2 = prefix.isEmpty() ? 0 : prefix.toString().split(" ").length;
      if (words2 + 1 + typePart.size() > MAX_WORDS
          || prefix.length() + 1 + w.length() + 1 + typeText.length() > MAX_CHARS) {
        break;
      }
      prefix.append(prefix.isEmpty() ? "" : " ").append(w);
    }
    String p = trimDangling(prefix.toString());
    String out = trimDangling((p.isEmpty() ? "" : p + " ") + typeText);
    return out.codePoints().anyMatch(Character::isLetter) ? out : "";
  }

  /** Drops words from the end (and start) while they would leave the phrase open. */
  static String trimDangling(String s) {
    List<String> w = new ArrayList<>(Arrays.asList(s.strip().split("\\s+")));
    while (!w.isEmpty() && dangling(w.get(w.size() - 1))) {
      w.remove(w.size() - 1);
    }
    while (!w.isEmpty() && DANGLING.contains(w.get(0).toLowerCase(Locale.ROOT))) {
      w.remove(0);
    }
    String out = String.join(" ", w);
    return out.replaceAll("[-,&/+.:;|~'\"*]+$", "").strip();
  }

  /**
   * Whether a name ending on {@code word} leaves it open: a function word, a number or size, a unit, a lone
   * character, or a token cut at a hyphen, slash or bracket.
   */
  public static boolean dangling(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    String bare = w.replaceAll("[.,:;!?]+$", "");
    if (bare.isEmpty() || DANGLING.contains(w) || DANGLING.contains(bare)) {
      return true;
    }
    if (bare.matches("[\\d.,/%x×-]+|[\\d.]*\\d[\\d.]*-?(?:oz|ml|fl|g|gr|mg|lb|lbs|inch|inches|in|ct|pk|pack|packs|count|ounces?|l|cm|mm)\\.?")) {
      return true;
    }
    // a lone letter dangles unless it is a capital that names something ("Vitamin C", "Plan B")
    if (word.codePointCount(0, word.length()) == 1 && !word.matches("[\\p{Lu}\\p{IsHan}]")) {
      return true;
    }
    return bare.matches(".*[-/(\\[{~+&]$") || (bare.chars().filter(c -> c == '(').count()
        != bare.chars().filter(c -> c == ')').count());
  }
}
