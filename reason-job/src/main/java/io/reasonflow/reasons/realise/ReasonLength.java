package io.reasonflow.reasons.realise;

/**
 * Whether a reason is short enough to read in one go. Composed shapes ({@link ComposedShapes}, the
 * aspect shapes, a catalogue sentence joined to either) can run long with a long item name; a
 * reason over {@value #MAX_WORDS} English words, or the Chinese equivalent, is not offered.
 */
public final class ReasonLength {
  /** Most words in an English reason. */
  public static final int MAX_WORDS = 35;

  /**
   * Most characters a Chinese reason may have, two Chinese characters counting as about one English
   * word and each Latin-script word or number as one.
   */
  private static final int MAX_ZH_UNITS = MAX_WORDS;

  private ReasonLength() {}

  public static boolean fits(String text, ReasonLocale locale) {
    if (locale == ReasonLocale.EN) {
      return words(text) <= MAX_WORDS;
    }
    long han =
        text.codePoints()
            .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
            .count();
    String latin = text.replaceAll("\\p{IsHan}", " ");
    return han / 2.0 + words(latin) <= MAX_ZH_UNITS;
  }

  static int words(String text) {
    int n = 0;
    for (String w : text.split("\\s+")) {
      if (w.codePoints().anyMatch(Character::isLetterOrDigit)) {
        n++;
      }
    }
    return n;
  }
}
