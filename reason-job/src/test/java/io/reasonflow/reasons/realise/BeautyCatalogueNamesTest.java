package io.reasonflow.reasons.realise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reasonflow.common.io.ItemFileReader;
import io.reasonflow.common.model.Item;
import io.reasonflow.reasons.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every name over the whole Beauty catalogue (12,101 items), checked by rules written independently
 * of {@link ItemNamer}: no name ends on a function word, a number or size, or a broken token, and
 * none carries an HTML character reference or marketing noise. Prints 100 random names (seeded) for
 * docs/benchmarks.md.
 */
class BeautyCatalogueNamesTest {

  private static final Set<String> FUNCTION =
      Set.of(
          "a", "an", "and", "the", "of", "for", "with", "by", "in", "on", "to", "or", "from", "at",
          "as", "your", "our", "plus", "&", "+", "w/", "x");
  private static final Pattern NUMBER_OR_SIZE =
      Pattern.compile(
          "(?i)[\\d.,/%-]+|[\\d.]+-?(oz|ml|fl|g|mg|ounce|ounces|lb|inch|ct|pack|count)\\.?|oz\\.?|ounces?|ml|fl\\.?|pack|count|pcs");
  private static final Pattern BROKEN = Pattern.compile(".*[-/(~+]$|^\\W$");
  private static final Pattern ENTITY = Pattern.compile("&(#\\d+|#x\\p{XDigit}+|[a-zA-Z]+);");
  private static final String PRAISE =
      "best|premium|ultimate|amazing|top|rated|perfect|luxury|luxurious|super|miracle|great|"
          + "highest|quality|finest|original|genuine|authentic|new|improved|advanced|deluxe|"
          + "professional|salon|grade|award|winning|world's|famous|excellent|supreme|elite|"
          + "incredible|awesome|worlds|popular";
  private static final Pattern NOISE =
      Pattern.compile("(?i)sale!|#1\\b|as seen on tv|★|pack of \\d");

  /**
   * What may follow a name taken from the title for the name to end at a phrase boundary: the end
   * of the title, a separator, a for/with/by clause, or a size ("Essence of Argan Oil 50ml").
   */
  private static final Pattern BOUNDARY =
      Pattern.compile(
          "(?i)^(?:$|\\s*[,;:(\\[|~/!.]|\\s+[-–—]|-\\s"
              + "|\\s+(?:for|with|by|in|from|featuring|plus)\\b|\\s+w/|(?:\\s+|-)[\\d.]+\\s?(?:us\\s+)?(?:oz|ml|fl|fluid|g|grams?|mm|cm|ounces?|lbs?|ct|"
              + "count|pcs|pack)\\b|\\s+#?\\d[\\d.,]*[%x]?\\s*(?:$|[-,;:(/|]))");

  /**
   * The type nouns (en and zh) and generic nouns a constructed name may end on, read from the
   * lexicon file.
   */
  private static Set<String> nouns() throws Exception {
    return nouns("/product-types/beauty.tsv");
  }

  static Set<String> nouns(String resource) throws Exception {
    Set<String> out = new java.util.HashSet<>(Set.of("product", "产品", "item"));
    for (String[] f : lexicon(resource)) {
      out.add(f[0].strip());
      out.add(f[1].strip());
    }
    return out;
  }

  /** The lexicon's rows: type, zh, domain, phrases. */
  static List<String[]> lexicon(String resource) throws Exception {
    List<String[]> rows = new ArrayList<>();
    try (var in = BeautyCatalogueNamesTest.class.getResourceAsStream(resource)) {
      for (String line :
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        String[] f = line.split("\t");
        if (!line.startsWith("#") && f.length == 4) {
          rows.add(f);
        }
      }
    }
    return rows;
  }

  /** The lexicon's title phrases, lower case, words joined by single spaces. */
  private static Set<String> phrases() throws Exception {
    return phrases("/product-types/beauty.tsv");
  }

  static Set<String> phrases(String resource) throws Exception {
    Set<String> out = new java.util.HashSet<>();
    for (String[] f : lexicon(resource)) {
      for (String p : f[3].split("\\|")) {
        out.add(p.strip().toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  /**
   * Whether the name ends on a product-type phrase: then it ends on its head noun ("... Eau de
   * Toilette").
   */
  private static boolean endsOnTypePhrase(String name, Set<String> phrases) {
    String n = String.join(" ", name.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")).strip();
    return phrases.stream().anyMatch(p -> n.equals(p) || n.endsWith(" " + p));
  }

  /**
   * Why a name is cut inside a phrase, or null. A name is either built (brand words the title
   * starts with, then a type or generic noun: "Suave dry shampoo", "Conair 产品") or the title's own
   * words, which must run on from a word start and stop at a phrase boundary: "Increase Collagen"
   * from "... Moisturize The Skin, and Increase Collagen - ..." fails (it starts mid-clause), as
   * does "Inifiniti by Conair 228 Nano Silver" (the title goes on with "Tourmaline Ceramic
   * Styler").
   */
  static String cut(String name, String title, Set<String> nouns, Set<String> phrases) {
    String t = ItemNamer.clean(title);
    String lt = t.toLowerCase(Locale.ROOT);
    String ln = name.toLowerCase(Locale.ROOT);
    for (String noun : nouns) {
      if (ln.equals(noun.toLowerCase(Locale.ROOT))) {
        return null;
      }
      String suffix = " " + noun.toLowerCase(Locale.ROOT);
      if (ln.endsWith(suffix)) {
        String brand = ln.substring(0, ln.length() - suffix.length());
        if (lt.startsWith(brand)
            && (lt.length() == brand.length()
                || !Character.isLetterOrDigit(lt.charAt(brand.length())))) {
          return null;
        }
      }
    }
    int at = lt.indexOf(ln);
    if (at < 0) {
      return "not the title's words";
    }
    // words that praise rather than name may be left off a name's start ("Best Bentonite Clay" is
    // "bentonite clay")
    String before = lt.substring(0, at).replaceAll("(?:\\b(?:" + PRAISE + ")\\s+)+$", "");
    boolean startsClean =
        before.isEmpty() || before.matches("(?s).*[,;:(\\[|~/]\\s*|.*\\s[-–—]\\s*");
    if (!startsClean) {
      return "starts inside a phrase";
    }
    return endsOnTypePhrase(name, phrases)
            || BOUNDARY.matcher(t.substring(at + name.length())).find()
        ? null
        : "stops inside a phrase";
  }

  @Test
  void noNameDanglesOrCarriesEntitiesOrNoise() throws Exception {
    Path items = SharedData.file("amazon-beauty-2014/items.tsv.gz");
    assumeTrue(Files.isRegularFile(items), "the shared Beauty catalogue is not here");
    List<String> titles = new ArrayList<>();
    new ItemFileReader().read(items, (Item i) -> titles.add(i.displayName()), d -> {});
    ItemNamer namer = ItemNamer.over(titles);
    Set<String> nouns = nouns();
    Set<String> phrases = phrases();
    List<String> bad = new ArrayList<>();
    List<String> cut = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int typed = 0;
    int zhLatinOnly = 0;
    for (String t : titles) {
      for (ReasonLocale locale : ReasonLocale.values()) {
        String name = namer.name(t, locale);
        if (dangles(name)) {
          bad.add(name + "  <-  " + t);
        }
        String why = t.isBlank() ? null : cut(name, t, nouns, phrases);
        if (why != null) {
          cut.add(why + ": " + name + "  <-  " + t);
        }
        if (locale == ReasonLocale.EN) {
          names.add(name + "  <-  " + t);
          typed += namer.type(t).isPresent() && namer.brand(t).isPresent() ? 1 : 0;
        } else if (name.codePoints()
            .noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
          zhLatinOnly++;
        }
      }
    }
    Collections.shuffle(names, new Random(13));
    System.out.printf(
        "names: %d titles, %d named by brand + type (%.1f%%), %d dangling, %d cut inside a phrase, "
            + "%d zh-CN names with no Chinese word%n",
        titles.size(), typed, 100.0 * typed / titles.size(), bad.size(), cut.size(), zhLatinOnly);
    names.subList(0, 100).forEach(n -> System.out.println("NAME  " + n));
    cut.stream().limit(40).forEach(n -> System.out.println("CUT  " + n));
    bad.stream().limit(40).forEach(n -> System.out.println("DANGLING  " + n));
    assertThat(bad).as("names that dangle or carry entities/noise").isEmpty();
    assertThat(cut).as("names cut inside a phrase of their title").isEmpty();
  }

  /**
   * Whether the name ends on a function word, number, size or broken token, or carries an entity,
   * noise, an unbalanced bracket or quote, escape debris or a control character.
   */
  static boolean dangles(String name) {
    String[] words = name.split("\\s+");
    String last = words[words.length - 1].toLowerCase(Locale.ROOT);
    return name.isBlank()
        || FUNCTION.contains(last)
        || NUMBER_OR_SIZE.matcher(last).matches()
        || BROKEN.matcher(last).matches()
        || ENTITY.matcher(name).find()
        || NOISE.matcher(name).find()
        || !balanced(name)
        || name.contains("\\")
        || name.chars().anyMatch(Character::isISOControl);
  }

  /** Brackets and quotes in pairs. */
  private static boolean balanced(String s) {
    return count(s, '(') == count(s, ')')
        && count(s, '[') == count(s, ']')
        && count(s, '{') == count(s, '}')
        && count(s, '"') % 2 == 0
        && count(s, '“') == count(s, '”');
  }

  private static long count(String s, char c) {
    return s.chars().filter(x -> x == c).count();
  }
}
