package io.reasonflow.reasons.evidence;

import io.reasonflow.common.text.BoundedMemo;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether two catalogue items are variants of one product: shades, sizes or packs ("John Frieda
 * Precision Foam Hair Color, Glosser Warm Red" and "..., Glosser Cool Red"). Both titles name the
 * same product type and the same words before their first separator (the product's head, which
 * Amazon titles follow with shade, size and pack), and the titles differ. A shopper who has one is
 * not recommended another as if it were a new product.
 */
public final class Variants {
  private static final Pattern HEAD_END = Pattern.compile(",| - | – | \\(|\\(|:|;|\\|");
  private static final Pattern SIZE =
      Pattern.compile(
          "(?i)\\b\\d+(?:\\.\\d+)?\\s*-?(?:oz|ounces?|fl|ml|g|count|ct|pack|pk|pcs)\\b\\.?|\\bpack of \\d+\\b");

  private final ProductTypes types;

  /**
   * Each title's head: the recommender asks about every candidate against every item the shopper
   * has, so the same titles come back all the time, and a head is several regular expressions.
   */
  private final BoundedMemo<String, String> heads = new BoundedMemo<>(1 << 20, Variants::head);

  public Variants(ProductTypes types) {
    this.types = types;
  }

  public boolean variants(String titleA, String titleB) {
    if (titleA == null || titleB == null || titleA.equalsIgnoreCase(titleB)) {
      return false;
    }
    String a = heads.get(titleA);
    String b = heads.get(titleB);
    if (a.split(" ").length < 2 || !a.equals(b)) {
      return false;
    }
    Optional<ProductType> ta = types.typeOf(titleA);
    return ta.isPresent() && ta.equals(types.typeOf(titleB));
  }

  /** The words before the first separator, sizes and packs removed, lower case. */
  static String head(String title) {
    String t = title.strip();
    var m = HEAD_END.matcher(t);
    String h = m.find() && m.start() > 0 ? t.substring(0, m.start()) : t;
    h = SIZE.matcher(h).replaceAll(" ");
    return ProductTypes.normalise(h).toLowerCase(Locale.ROOT);
  }
}
