package io.reasonflow.reasons.decoder;

import io.reasonflow.reasons.realise.ReasonLocale;
import io.reasonflow.reasons.realise.Slot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a skeleton into decoder tokens and joins tokens back, per locale. Slot tokens ({@code
 * {COUNT}}) and cue phrases ("goes well with", "很搭") are atomic, so the decoder can be stopped from
 * emitting a slot or an assertion the evidence does not back with a single mask. English is split
 * into words and punctuation; Chinese, which has no spaces between words, into single characters.
 *
 * <p>Spacing is not a token: {@link #join} puts it back by rule (English: a space between words,
 * none before closing punctuation or after an opening quote; Chinese: a space only around the slots
 * that usually hold Latin-script titles or digits, as the templates do). A bank sentence must
 * survive split-then-join unchanged, so whatever the decoder writes is spaced like the bank.
 */
public final class Tokeniser {
  private static final Pattern EN = Pattern.compile("\\{[A-Z_]+}|[\\p{L}\\p{M}'’-]+|\\S");
  private static final Pattern SLOT = Pattern.compile("\\{([A-Z_]+)}");
  private static final String EN_NO_SPACE_BEFORE = ",.:;!?)”";
  private static final String EN_NO_SPACE_AFTER = "(“";
  private static final String ZH_PUNCT = "，。：；！？（）“”、《》…—";
  private static final Set<Slot> ZH_SPACED = EnumSet.of(Slot.ANCHOR, Slot.COUNT);

  private final ReasonLocale locale;

  /** Cue phrase, lower-cased and split into tokens, to what it asserts; longest first. */
  private final Map<List<String>, Assertion> cues;

  public Tokeniser(ReasonLocale locale, Map<String, Assertion> cuePhrases) {
    this.locale = locale;
    Map<List<String>, Assertion> m = new LinkedHashMap<>();
    cuePhrases.entrySet().stream()
        .map(e -> Map.entry(basic(e.getKey().toLowerCase(Locale.ROOT)), e.getValue()))
        .sorted(
            Comparator.comparingInt((Map.Entry<List<String>, Assertion> e) -> -e.getKey().size()))
        .forEach(e -> m.put(e.getKey(), e.getValue()));
    this.cues = m;
  }

  public ReasonLocale locale() {
    return locale;
  }

  /**
   * The tokens of a skeleton: slots and cue phrases whole, the rest words (en) or characters
   * (zh-CN).
   */
  public List<String> split(String skeleton) {
    List<String> basic = basic(skeleton);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < basic.size(); ) {
      int matched = 0;
      for (List<String> cue : cues.keySet()) {
        if (matches(basic, i, cue)) {
          matched = cue.size();
          break;
        }
      }
      if (matched > 0) {
        out.add(joinBasic(basic.subList(i, i + matched)));
        i += matched;
      } else {
        out.add(basic.get(i++));
      }
    }
    return out;
  }

  /** The skeleton the tokens spell, spaced by the locale's rule. */
  public String join(List<String> tokens) {
    return joinBasic(tokens);
  }

  /**
   * What the wording of {@code skeleton} asserts, by its cue phrases (however the decoder spelled
   * them).
   */
  public Set<Assertion> assertions(String skeleton) {
    Set<Assertion> out = EnumSet.noneOf(Assertion.class);
    for (String t : split(skeleton)) {
      Assertion a = cueOf(t);
      if (a != null) {
        out.add(a);
      }
    }
    return out;
  }

  /** The assertion a token makes when it is a cue phrase, else null. */
  public Assertion cueOf(String token) {
    return cues.get(basic(token.toLowerCase(Locale.ROOT)));
  }

  /** The slot a token is, or null. */
  public static Slot slotOf(String token) {
    Matcher m = SLOT.matcher(token);
    if (!m.matches()) {
      return null;
    }
    try {
      return Slot.valueOf(m.group(1));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private List<String> basic(String s) {
    List<String> out = new ArrayList<>();
    if (locale == ReasonLocale.EN) {
      Matcher m = EN.matcher(s);
      while (m.find()) {
        out.add(m.group());
      }
    } else {
      Matcher m = SLOT.matcher(s);
      int at = 0;
      while (m.find()) {
        chars(s.substring(at, m.start()), out);
        out.add(m.group());
        at = m.end();
      }
      chars(s.substring(at), out);
    }
    return out;
  }

  private static void chars(String s, List<String> out) {
    s.codePoints()
        .filter(c -> !Character.isWhitespace(c))
        .forEach(c -> out.add(new String(Character.toChars(c))));
  }

  private static boolean matches(List<String> tokens, int at, List<String> cue) {
    if (at + cue.size() > tokens.size()) {
      return false;
    }
    for (int j = 0; j < cue.size(); j++) {
      if (!tokens.get(at + j).toLowerCase(Locale.ROOT).equals(cue.get(j))) {
        return false;
      }
    }
    return true;
  }

  private String joinBasic(List<String> tokens) {
    StringBuilder out = new StringBuilder();
    String prev = null;
    for (String t : tokens) {
      if (prev != null && spaceBetween(prev, t)) {
        out.append(' ');
      }
      out.append(t);
      prev = t;
    }
    return out.toString();
  }

  private boolean spaceBetween(String a, String b) {
    if (locale == ReasonLocale.EN) {
      return !(b.length() == 1 && EN_NO_SPACE_BEFORE.indexOf(b.charAt(0)) >= 0)
          && !(a.length() == 1 && EN_NO_SPACE_AFTER.indexOf(a.charAt(0)) >= 0);
    }
    boolean spaced = ZH_SPACED.contains(slotOf(a)) || ZH_SPACED.contains(slotOf(b));
    return spaced && !isZhPunct(a) && !isZhPunct(b);
  }

  private static boolean isZhPunct(String t) {
    return t.length() == 1 && ZH_PUNCT.indexOf(t.charAt(0)) >= 0;
  }
}
