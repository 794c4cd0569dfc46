package io.reasonflow.reasons.verify;

import io.reasonflow.common.text.BoundedMemo;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The verifier's own reading of a specification claimed of a title, written apart from the
 * extraction ({@code evidence.Attributes}): a material must be in the title as words, a gauge range
 * as written, a pack count or a length next to its unit.
 */
final class CatalogueSpecs {
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern GAUGE_CHARS = Pattern.compile("[.0-9-]+");
  private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9/]+");

  /**
   * The pack and length patterns per claimed figure, compiled once each: the verifier checks every
   * attribute claim on the reason job's path. Figures are a few distinct numbers; the bound only
   * guards against a stream of odd claims.
   */
  private static final BoundedMemo<String, Pattern> PACK =
      new BoundedMemo<>(
          4096,
          v -> Pattern.compile("(?<![\\d.])" + v + " ?-? ?(pack|pk)\\b|\\bpack of " + v + "\\b"));

  private static final BoundedMemo<String, Pattern> LENGTH =
      new BoundedMemo<>(
          4096, v -> Pattern.compile("(?<![\\d.])" + v + " ?-? ?(ft\\b|feet\\b|foot\\b|')"));

  private CatalogueSpecs() {}

  /** Null when {@code title} states {@code spec} ({@code kind:value}), else why not. */
  static String check(String title, String spec) {
    int colon = spec.indexOf(':');
    if (colon < 0) {
      return "'" + spec + "' is no specification";
    }
    String kind = spec.substring(0, colon);
    String v = spec.substring(colon + 1);
    String t = title.toLowerCase(Locale.ROOT);
    boolean found =
        switch (kind) {
          case "material" ->
              (" " + NOT_WORD.matcher(t).replaceAll(" ") + " ")
                  .contains(" " + NOT_WORD.matcher(v).replaceAll(" ") + " ");
          case "gauge" -> GAUGE_CHARS.matcher(v).matches() && t.replace(" ", "").contains(v);
          case "pack" -> DIGITS.matcher(v).matches() && PACK.get(v).matcher(t).find();
          case "length" -> DIGITS.matcher(v).matches() && LENGTH.get(v).matcher(t).find();
          default -> false;
        };
    return found ? null : "says the title states " + kind + " " + v + "; '" + title + "' does not";
  }
}
