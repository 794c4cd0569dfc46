package io.reasonflow.features.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a catalogue title into the words content vectors are built from: lower-cased runs of
 * letters and digits with at least two letters (so "3.4" and "x" go, "spf15" stays), minus glue and
 * unit words ("for", "oz", "pack") that every kind of product has and that would pull unrelated
 * items together.
 */
public final class TitleWords {
  private static final Set<String> STOP =
      Set.of(
          "a", "an", "and", "the", "of", "for", "with", "by", "in", "on", "to", "or", "from", "at",
          "as", "is", "it", "its", "your", "you", "our", "all", "new", "set", "pack", "count", "ct",
          "pcs", "piece", "pieces", "each", "ea", "size", "oz", "ounce", "ounces", "fl", "ml", "g",
          "gr", "gram", "grams", "mg", "kg", "lb", "lbs", "inch", "inches", "one", "two", "three",
          "plus", "value", "net", "wt", "pk");

  private TitleWords() {}

  /**
   * The title's words in order of appearance (repeats kept: a repeated word weighs more in the
   * average).
   */
  public static List<String> of(String title) {
    List<String> out = new ArrayList<>();
    if (title == null) {
      return out;
    }
    for (String raw : title.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (raw.codePoints().filter(Character::isLetter).count() >= 2 && !STOP.contains(raw)) {
        out.add(raw);
      }
    }
    return out;
  }
}
