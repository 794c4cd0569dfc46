package io.reasonflow.reasons.realise;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills a skeleton's {@code {SLOT}}s with the text of the claims that fill them. */
public final class Lexicaliser {
  private static final Pattern SLOT = Pattern.compile("\\{([A-Z_]+)}");
  private static final Pattern BETWEEN_HAN =
      Pattern.compile(
          "(?<=[\\p{IsHan}\\u3000-\\u303f\\uff01-\\uff0f\\uff1a-\\uff1f]) +(?=[\\p{IsHan}\\u3000-\\u303f\\uff01-\\uff0f\\uff1a-\\uff1f])");

  /** The first code point of the Han script (CJK Radicals Supplement). */
  private static final int FIRST_HAN = 0x2E80;

  private Lexicaliser() {}

  /** The slots of a skeleton, in order of appearance. */
  public static List<String> slotNames(String skeleton) {
    List<String> out = new ArrayList<>();
    Matcher m = SLOT.matcher(skeleton);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /**
   * The skeleton with each slot replaced by its claim's text.
   *
   * @throws IllegalArgumentException when a slot has no claim or two claims fill one slot
   */
  public static String fill(String skeleton, List<Claim> claims) {
    Map<Slot, String> values = new EnumMap<>(Slot.class);
    for (Claim c : claims) {
      if (c.slot() != null && values.put(c.slot(), c.rendered()) != null) {
        throw new IllegalArgumentException("two claims fill slot " + c.slot());
      }
    }
    // a plain scan rather than SLOT's matcher: this runs for every shape of every candidate, and
    // the same slots as SLOT matches ({NAME}, NAME upper case and underscores)
    StringBuilder out = new StringBuilder(skeleton.length() + 64);
    int copied = 0;
    for (int open = skeleton.indexOf('{'); open >= 0; open = skeleton.indexOf('{', open + 1)) {
      int close = slotEnd(skeleton, open);
      if (close < 0) {
        continue;
      }
      Slot slot = Slot.valueOf(skeleton.substring(open + 1, close));
      String v = values.get(slot);
      if (v == null) {
        throw new IllegalArgumentException("no claim fills slot " + slot);
      }
      out.append(skeleton, copied, open);
      anBeforeVowel(out, v);
      out.append(v);
      copied = close + 1;
      open = close;
    }
    out.append(skeleton, copied, skeleton.length());
    // a slot that ends or starts with Chinese characters leaves no space beside Chinese text ("干洗喷雾
    // 很搭"); English text has none, and this pass was most of filling it (a look-around at every
    // position)
    String text = out.toString();
    return hasHanOrFullWidth(text) ? BETWEEN_HAN.matcher(text).replaceAll("") : text;
  }

  /**
   * "A {TYPE}" written before "eyeshadow" reads "An eyeshadow": the article a skeleton puts before
   * a slot follows the slot's first sound. Only a, e, i and o count as vowel sounds here; "u" is as
   * often "a ukulele" as "an umbrella", and the article stays.
   */
  private static void anBeforeVowel(StringBuilder out, String value) {
    int n = out.length();
    if (n < 2 || value.isEmpty() || "aeioAEIO".indexOf(value.charAt(0)) < 0) {
      return;
    }
    char article = out.charAt(n - 2);
    if (out.charAt(n - 1) == ' '
        && (article == 'a' || article == 'A')
        && (n == 2 || out.charAt(n - 3) == ' ')) {
      out.insert(n - 1, 'n');
    }
  }

  /**
   * Index of the '}' that closes a slot opened at {@code open} ({@code {NAME}}, NAME one or more of
   * A-Z and '_'), else -1.
   */
  private static int slotEnd(String skeleton, int open) {
    int i = open + 1;
    while (i < skeleton.length()) {
      char ch = skeleton.charAt(i);
      if (ch == '}') {
        return i > open + 1 ? i : -1;
      }
      if (!((ch >= 'A' && ch <= 'Z') || ch == '_')) {
        return -1;
      }
      i++;
    }
    return -1;
  }

  /** Whether any character is one that {@link #BETWEEN_HAN} needs on both sides of a space. */
  static boolean hasHanOrFullWidth(String s) {
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      if (c < FIRST_HAN) {
        i++; // Latin text: nothing below U+2E80 is Han or one of the ranges below
        continue;
      }
      if ((c >= 0x3000 && c <= 0x303f)
          || (c >= 0xff01 && c <= 0xff0f)
          || (c >= 0xff1a && c <= 0xff1f)
          || Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
        return true;
      }
      i += Character.charCount(c);
    }
    return false;
  }
}
