package io.reasonflow.reasons.verify;

import io.reasonflow.reasons.evidence.ProductType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The verifier's own reading of whether a title's mention of a type is the item's head noun, for
 * instruments types: a claim "acoustic guitar" for "Dunlop Acoustic Guitar Frets" is refused, since
 * the title's "guitar" is followed by "frets"; so is one for "Capo for Acoustic Guitar", where the
 * guitar is what the item is for. It reads no lexicon: it looks for the last word of the claimed
 * type's English name ("guitar", "pedal", "strings") in the title, and counts a mention as the head
 * when nothing follows it in its stretch of the title but words that describe rather than name
 * ({@link #DESCRIBING}: colours, finishes, gauges, pack words, model codes), and no for/with/to
 * clause came before it. A title that never says the word is not judged here ("Dunlop Jazz III"
 * claimed as guitar picks); {@link DomainCues} still is. Stricter than the namer's further-heads
 * list on purpose: a right claim it turns down costs a reason, a wrong one it lets through is a
 * false sentence.
 */
final class TypeHeadCheck {
  /** Words that end the stretch of title a head noun closes: a clause or another item begins. */
  private static final Set<String> STRETCH_END =
      Set.of(
          "and",
          "or",
          "plus",
          "made",
          "in",
          "featuring",
          "includes",
          "including",
          "w",
          "by",
          "from",
          "to");

  /** Words after which a mention is what the item is for or holds, not what it is. */
  private static final Set<String> FOR_WORDS = Set.of("for", "with", "fits", "fit", "compatible");

  /** Words that, after a head noun, describe it rather than name another product. */
  static final Set<String> DESCRIBING =
      Set.of(
          "black",
          "white",
          "red",
          "blue",
          "green",
          "yellow",
          "brown",
          "tan",
          "natural",
          "sunburst",
          "cherry",
          "chrome",
          "nickel",
          "gold",
          "silver",
          "ivory",
          "oak",
          "ebony",
          "burgundy",
          "tortoise",
          "pearl",
          "worn",
          "vintage",
          "tweed",
          "clear",
          "pink",
          "purple",
          "orange",
          "gray",
          "grey",
          "burst",
          "mahogany",
          "maple",
          "rosewood",
          "walnut",
          "satin",
          "gloss",
          "matte",
          "polished",
          "finish",
          "color",
          "colour",
          "heritage",
          "light",
          "medium",
          "heavy",
          "extra",
          "super",
          "custom",
          "regular",
          "thin",
          "thick",
          "mini",
          "small",
          "large",
          "short",
          "long",
          "normal",
          "high",
          "low",
          "tension",
          "gauge",
          "scale",
          "set",
          "pack",
          "single",
          "pair",
          "dozen",
          "bundle",
          "outfit",
          "package",
          "value",
          "version",
          "model",
          "edition",
          "series",
          "signature",
          "original",
          "standard",
          "deluxe",
          "pro",
          "professional",
          "special",
          "limited",
          "left",
          "handed",
          "right",
          "lefty",
          "string",
          "strings",
          "coated",
          "coating",
          "wound",
          "bronze",
          "phosphor",
          "steel",
          "nylon",
          "bass",
          "electric",
          "acoustic",
          "classical",
          "guitar",
          "guitars",
          "ukulele",
          "banjo",
          "mandolin",
          "quick",
          "change",
          "new",
          "old",
          "style",
          "type",
          "dual",
          "double",
          "triple",
          "stereo",
          "mono",
          "analog",
          "digital",
          "wireless",
          "portable",
          "compact",
          "feet",
          "foot",
          "ft",
          "inch",
          "inches",
          "mm",
          "watt",
          "watts",
          "volt",
          "v",
          "x",
          "of",
          "system");

  private static final Pattern STRETCH_BREAK = Pattern.compile("[,;:()\\[\\]|]| - | – | — ");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}'.]+");

  private TypeHeadCheck() {}

  /** Null when the title does not contradict {@code claimed} as its head; else why it does. */
  static String check(String title, ProductType claimed) {
    if (!claimed.domain().equals("instruments")) {
      return null;
    }
    String name = claimed.en().toLowerCase(Locale.ROOT);
    String head = name.substring(name.lastIndexOf(' ') + 1);
    String stem = head.endsWith("s") ? head.substring(0, head.length() - 1) : head;
    Set<String> forms = Set.of(stem, stem + "s", stem + "es");
    boolean mentioned = false;
    boolean afterFor = false;
    String follower = null;
    for (String stretch : STRETCH_BREAK.split(title.toLowerCase(Locale.ROOT))) {
      List<String> w = words(stretch);
      for (int i = 0; i < w.size(); i++) {
        if (FOR_WORDS.contains(w.get(i))) {
          afterFor = true; // the rest of the title says what the item is for or comes with
        }
        if (!forms.contains(w.get(i))) {
          continue;
        }
        mentioned = true;
        String next = nextNaming(w, i + 1);
        if (next == null && !afterFor) {
          return null; // one mention stands as the item's head
        }
        if (follower == null) {
          follower =
              next == null
                  ? "'" + head + "' comes after a for/with clause"
                  : "'" + head + "' is followed by '" + next + "'";
        }
      }
    }
    if (!mentioned) {
      return null;
    }
    return "names the item a " + claimed.en() + ", but in its title " + follower;
  }

  /** The first word from {@code from} in its stretch that names rather than describes, if any. */
  private static String nextNaming(List<String> w, int from) {
    for (int j = from; j < w.size(); j++) {
      String x = w.get(j);
      if (STRETCH_END.contains(x) || FOR_WORDS.contains(x)) {
        return null;
      }
      boolean code = x.chars().anyMatch(Character::isDigit) || x.length() <= 1;
      if (!code && !DESCRIBING.contains(x)) {
        return x;
      }
    }
    return null;
  }

  private static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(s.replace('-', ' ').replace('/', ' ').replace("&", " and "));
    while (m.find()) {
      String x = m.group().replaceAll("^[.']+|[.']+$", "");
      if (!x.isEmpty()) {
        out.add(x);
      }
    }
    return out;
  }
}
