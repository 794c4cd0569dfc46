package io.reasonflow.common.io;

import java.util.Locale;

/** How numeric timestamps in an input are to be read. */
public enum TimestampUnit {
  SECONDS,
  MILLIS,
  /**
   * Values under 10^11 are seconds (10^11 s is the year 5138; 10^11 ms is 1973), larger ones
   * milliseconds.
   */
  AUTO;

  static final double AUTO_SECONDS_BELOW = 1e11;

  public static TimestampUnit parse(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "s", "sec", "seconds" -> SECONDS;
      case "ms", "millis", "milliseconds" -> MILLIS;
      case "auto" -> AUTO;
      default ->
          throw new IllegalArgumentException(
              "timestamp unit must be seconds, millis or auto, not '" + s + "'");
    };
  }

  /** Which unit a value in AUTO mode resolves to (the reader logs this once per file). */
  public static TimestampUnit resolve(double value) {
    return Math.abs(value) < AUTO_SECONDS_BELOW ? SECONDS : MILLIS;
  }
}
