package io.reasonflow.reasons.explain.decoder;

import io.reasonflow.reasons.aspects.AspectLexicon;
import io.reasonflow.reasons.explain.ExplanationExample;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The phrases that make a claim about a product: aspects, product types, attributes (brands,
 * category leaves) seen anywhere in the training examples (their own evidence and their
 * neighbours'), plus every number. A claim is written by its key: English phrases lower case with
 * the last word singular ({@link AspectLexicon#key}), so "tones" claims the aspect "tone"; Chinese
 * phrases as they are.
 *
 * <p>What supports a claim for one example is only what is known about THAT item: its features,
 * product type and attributes. A neighbour's facts are about another item ("the shopper's amp has a
 * great tone" does not make this pedal's tone great), so they condition the wording but support no
 * claim.
 */
public final class ClaimLexicon {
  /** A run of digits: each must be backed on its own ("9V" needs "9"). */
  private static final Pattern DIGITS = Pattern.compile("\\p{Nd}+");

  private static final Pattern SPACES = Pattern.compile("\\s+");

  /** What separates the words of an English claim phrase. */
  private static final Pattern WORD_BREAK = Pattern.compile("[^\\p{L}\\p{Nd}'-]+");

  /** Longest claim phrase, in basic tokens (words for en, characters for zh-CN). */
  static final int MAX_PHRASE_TOKENS = 6;

  private final ReasonLocale locale;
  private final Set<String> keys;

  public ClaimLexicon(ReasonLocale locale, Collection<String> keys) {
    this.locale = locale;
    this.keys = new TreeSet<>(keys);
  }

  /** Every claim phrase the training examples know of. */
  public static ClaimLexicon of(ReasonLocale locale, List<ExplanationExample> train) {
    return of(locale, train, List.of());
  }

  /** As {@link #of(ReasonLocale, List)}, plus {@code extra} phrases. */
  public static ClaimLexicon of(
      ReasonLocale locale, List<ExplanationExample> train, Collection<String> extra) {
    Set<String> keys = new HashSet<>();
    extra.forEach(p -> addKey(locale, p, keys));
    for (ExplanationExample e : train) {
      for (String p : supportedPhrases(e)) {
        addKey(locale, p, keys);
      }
      for (ExplanationExample.Neighbour n : e.neighbours()) {
        addKey(locale, n.productType(), keys);
        n.attributes().forEach(a -> addKey(locale, a, keys));
        n.aspects().forEach(a -> addKey(locale, a, keys));
      }
    }
    return new ClaimLexicon(locale, keys);
  }

  private static void addKey(ReasonLocale locale, String phrase, Set<String> keys) {
    String k = keyOf(locale, phrase);
    if (!k.isEmpty()) {
      keys.add(k);
    }
  }

  /** The example's own facts: the only phrases that may support a claim about it. */
  static List<String> supportedPhrases(ExplanationExample e) {
    List<String> out = new java.util.ArrayList<>(e.features());
    out.add(e.productType());
    out.addAll(e.attributes());
    return out;
  }

  /** The key a phrase claims under (never null; "" for a blank phrase). */
  public static String keyOf(ReasonLocale locale, String phrase) {
    String p = value(phrase).strip();
    if (p.isEmpty()) {
      return "";
    }
    // decoder tokens are mostly one word or character: no spaces to squeeze, no matcher to build
    boolean spaced = false;
    for (int i = 0; i < p.length() && !spaced; i++) {
      spaced = Character.isWhitespace(p.charAt(i));
    }
    if (locale == ReasonLocale.EN) {
      return AspectLexicon.key(spaced ? SPACES.matcher(p).replaceAll(" ") : p);
    }
    return (spaced ? SPACES.matcher(p).replaceAll("") : p).toLowerCase(Locale.ROOT);
  }

  /** Whether {@code s} has a decimal digit (a scan: this runs for every token decoded). */
  static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** The runs of digits in {@code token}, in order ("9V-12V": 9, 12). */
  static List<String> digitRuns(String token) {
    List<String> out = new java.util.ArrayList<>();
    java.util.regex.Matcher m = DIGITS.matcher(token);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** An attribute may be written "brand: Fender"; the claim is its value. */
  private static String value(String phrase) {
    int colon = phrase.indexOf(':');
    return colon >= 0 && colon < phrase.length() - 1 ? phrase.substring(colon + 1) : phrase;
  }

  public ReasonLocale locale() {
    return locale;
  }

  /** The claim keys, sorted (stored with the model). */
  public Set<String> keys() {
    return keys;
  }

  /** Whether {@code phrase} (a decoder token) is a claim phrase. */
  public boolean isPhrase(String phrase) {
    return keys.contains(keyOf(locale, phrase));
  }

  /** Whether a decoder token makes a claim: a claim phrase or anything with a digit. */
  public boolean isClaim(String token) {
    return hasDigit(token) || isPhrase(token);
  }

  /**
   * The claim keys {@code e}'s own facts support: its phrases' keys, and every word and number
   * inside them (an attribute "Fender Stratocaster" backs "Fender"; a product type "9V adapter"
   * backs "9").
   */
  public Set<String> supported(ExplanationExample e) {
    Set<String> out = new HashSet<>();
    for (String p : supportedPhrases(e)) {
      String k = keyOf(locale, p);
      if (k.isEmpty()) {
        continue;
      }
      out.add(k);
      if (locale == ReasonLocale.EN) {
        for (String w : WORD_BREAK.split(k)) {
          if (!w.isEmpty()) {
            out.add(keyOf(locale, w));
          }
        }
      }
      java.util.regex.Matcher m = DIGITS.matcher(k);
      while (m.find()) {
        out.add(m.group());
      }
    }
    return out;
  }

  /** Whether {@code token} is a claim none of {@code supported} (keys) backs. */
  public boolean unsupported(String token, Set<String> supported) {
    if (!isClaim(token)) {
      return false;
    }
    String k = keyOf(locale, token);
    if (supported.contains(k)) {
      return false;
    }
    if (hasDigit(token)) {
      // a number is backed when every digit run in it is
      java.util.regex.Matcher m = DIGITS.matcher(token);
      while (m.find()) {
        if (!supported.contains(m.group())) {
          return true;
        }
      }
      return !isPhrase(token) ? false : true;
    }
    return true;
  }
}
