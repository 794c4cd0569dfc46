package io.reasonflow.common.io;

import java.util.Optional;

/**
 * Limits every input field is held to when it is parsed, so that a value no later stage can take
 * (an id longer than the 32,766 bytes Lucene allows in one term, a megabyte title) is dead-lettered
 * at the door instead of failing a later job. The limits are generous next to real data (the
 * longest Beauty item id is 10 characters, user id 21, title 879) and documented in
 * docs/data-formats.md.
 */
public final class FieldLimits {
  /** User, item and session ids: at most this many bytes in UTF-8 (512 ASCII characters). */
  public static final int MAX_ID_BYTES = 512;

  /** Catalogue title, in characters. */
  public static final int MAX_TITLE_CHARS = 4_000;

  /** Catalogue brand, in characters. */
  public static final int MAX_BRAND_CHARS = 256;

  /**
   * An event's review text, in characters: the longest Instruments review has about 11,000; a
   * longer one is more likely a paste or an attack than a review.
   */
  public static final int MAX_TEXT_CHARS = 20_000;

  /** Catalogue category path as written (all levels with their separators), in characters. */
  public static final int MAX_CATEGORY_CHARS = 1_000;

  /**
   * How much of an offending value a dead letter's detail quotes (its raw field keeps the whole
   * line).
   */
  static final int QUOTE_CHARS = 80;

  private FieldLimits() {}

  /** A field that breaks a limit: the dead letter's reason and detail. */
  record Violation(DeadLetterReason reason, String detail) {}

  /**
   * Why the id in field {@code name} (already stripped) is not usable, or empty when it is: too
   * long ({@link DeadLetterReason#ID_TOO_LONG}), or holding a control character or an unpaired
   * surrogate ({@link DeadLetterReason#BAD_ID_CHARACTER}: such an id cannot be written back as
   * valid UTF-8, and a NUL or a line break inside an id corrupts every TSV and log line that shows
   * it).
   */
  static Optional<Violation> checkId(String name, String id) {
    long bytes = 0;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < id.length()
              && Character.isLowSurrogate(id.charAt(i + 1));
      if (Character.isISOControl(c) || !pair && Character.isSurrogate(c)) {
        return Optional.of(
            new Violation(
                DeadLetterReason.BAD_ID_CHARACTER,
                String.format("'%s' holds U+%04X at character %d", name, (int) c, i + 1)));
      }
      if (pair) {
        bytes += 4;
        i++;
      } else {
        bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      }
    }
    if (bytes > MAX_ID_BYTES) {
      return Optional.of(
          new Violation(
              DeadLetterReason.ID_TOO_LONG,
              String.format(
                  "'%s' is %,d bytes in UTF-8, more than %d", name, bytes, MAX_ID_BYTES)));
    }
    return Optional.empty();
  }

  /**
   * A {@link DeadLetterReason#FIELD_TOO_LONG} violation when {@code value} has more than {@code
   * max} characters.
   */
  static Optional<Violation> checkLength(String name, String value, int max) {
    return value.length() <= max
        ? Optional.empty()
        : Optional.of(
            new Violation(
                DeadLetterReason.FIELD_TOO_LONG,
                String.format("'%s' is %,d characters, more than %,d", name, value.length(), max)));
  }

  /**
   * Why a review text is not usable, or empty: longer than {@link #MAX_TEXT_CHARS} ({@link
   * DeadLetterReason#FIELD_TOO_LONG}), or holding a control character other than tab and line
   * breaks, or an unpaired surrogate ({@link DeadLetterReason#BAD_TEXT_CHARACTER}: a NUL inside a
   * review would be written into every output that quotes its aspects).
   */
  static Optional<Violation> checkText(String name, String text) {
    Optional<Violation> tooLong = checkLength(name, text, MAX_TEXT_CHARS);
    if (tooLong.isPresent()) {
      return tooLong;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        i++;
        continue;
      }
      boolean control = Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r';
      if (control || Character.isSurrogate(c)) {
        return Optional.of(
            new Violation(
                DeadLetterReason.BAD_TEXT_CHARACTER,
                String.format("'%s' holds U+%04X at character %d", name, (int) c, i + 1)));
      }
    }
    return Optional.empty();
  }

  /**
   * {@code s} in single quotes, cut to {@value #QUOTE_CHARS} characters, for a dead letter's
   * detail.
   */
  static String quote(String s) {
    return s.length() <= QUOTE_CHARS
        ? "'" + s + "'"
        : "'" + s.substring(0, QUOTE_CHARS) + "...' (" + s.length() + " characters)";
  }
}
