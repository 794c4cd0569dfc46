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
    Matcher m = SLOT.matcher(skeleton);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Slot slot = Slot.valueOf(m.group(1));
      String v = values.get(slot);
      if (v == null) {
        throw new IllegalArgumentException("no claim fills slot " + slot);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    // a slot that ends or starts with Chinese characters leaves no space beside Chinese text ("干洗喷雾
    // 很搭"); English text has none, and this pass was most of filling it (a look-around at every
    // position)
    String text = out.toString();
    return hasHanOrFullWidth(text) ? BETWEEN_HAN.matcher(text).replaceAll("") : text;
  }

  /** Whether any character is one that {@link #BETWEEN_HAN} needs on both sides of a space. */
  static boolean hasHanOrFullWidth(String s) {
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
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
