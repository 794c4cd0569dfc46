package io.reasonflow.reasons.verify;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The verifier's own reading of a specification claimed of a title, written apart from the
 * extraction ({@code evidence.Attributes}): a material must be in the title as words, a gauge range
 * as written, a pack count or a length next to its unit.
 */
final class CatalogueSpecs {
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
              (" " + t.replaceAll("[^a-z0-9/]+", " ") + " ")
                  .contains(" " + v.replaceAll("[^a-z0-9/]+", " ") + " ");
          case "gauge" -> !v.isEmpty() && v.matches("[.0-9-]+") && t.replace(" ", "").contains(v);
          case "pack" ->
              v.matches("\\d+")
                  && Pattern.compile(
                          "(?<![\\d.])" + v + " ?-? ?(pack|pk)\\b|\\bpack of " + v + "\\b")
                      .matcher(t)
                      .find();
          case "length" ->
              v.matches("\\d+")
                  && Pattern.compile("(?<![\\d.])" + v + " ?-? ?(ft\\b|feet\\b|foot\\b|')")
                      .matcher(t)
                      .find();
          default -> false;
        };
    return found ? null : "says the title states " + kind + " " + v + "; '" + title + "' does not";
  }
}
