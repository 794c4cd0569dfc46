package io.reasonflow.reasons.evidence;

import io.reasonflow.common.model.Item;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the catalogue says of an item beyond its name: its brand (the catalogue's brand column), the
 * leaf of its category path ("Acoustic Guitar Strings"), and specifications its title states
 * ("Phosphor Bronze", "12-53", "12 Pack", "18 Feet"). Specifications are read with the Instruments
 * patterns only (string materials and gauges, pack counts, cable lengths): on other catalogues they
 * are not read, so Beauty's reasons stay as they were. Each is a claim the verifier re-finds in the
 * catalogue row.
 *
 * @param brand the brand column, or null
 * @param category the category leaf, or null
 * @param specs {@code kind:value} strings, in title order: {@code material:phosphor bronze}, {@code
 *     gauge:12-53}, {@code pack:12}, {@code length:18}
 */
public record Attributes(String brand, String category, List<String> specs) {
  public Attributes {
    specs = List.copyOf(specs);
  }

  /** String and pick materials and finishes a title states, as shoppers say them. */
  public static final List<String> MATERIALS =
      List.of(
          "phosphor bronze",
          "80/20 bronze",
          "nickel wound",
          "nickel plated",
          "pure nickel",
          "stainless steel",
          "flatwound",
          "nylon",
          "coated",
          "celluloid",
          "tortex",
          "leather",
          "tweed");

  /**
   * {@link #MATERIALS} as whole-word patterns, compiled once: every candidate's title is read on
   * the reason job's path.
   */
  private static final List<Pattern> MATERIAL_WORDS =
      MATERIALS.stream().map(m -> Pattern.compile("\\b" + Pattern.quote(m) + "\\b")).toList();

  /** A string gauge range: "12-53", ".010-.046", "9-42" (first 7-14, second 30-110). */
  private static final Pattern GAUGE =
      Pattern.compile("(?<![\\d.])(\\.0)?(\\d{1,2})\\s?-\\s?(\\.0)?(\\d{2,3})(?![\\d.])");

  private static final Pattern PACK =
      Pattern.compile("(?i)(?<![\\d.])(\\d{1,3})\\s?-?\\s?(?:pack|pk)\\b|\\bpack of (\\d{1,3})\\b");
  private static final Pattern LENGTH =
      Pattern.compile("(?i)(?<![\\d.])(\\d{1,2})\\s?-?\\s?(?:ft\\b|feet\\b|foot\\b|')");

  /** The item's attributes, empty when the catalogue says nothing of it. */
  public static Optional<Attributes> of(Item item, boolean readSpecs) {
    String brand = item.brand() == null ? null : item.brand().strip();
    List<String> path = item.categoryPath();
    String category = path.isEmpty() ? null : path.get(path.size() - 1).strip();
    if (category != null && category.isEmpty()) {
      category = null;
    }
    List<String> specs = readSpecs ? specs(item.title()) : List.of();
    if (brand == null && category == null && specs.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Attributes(brand, category, specs));
  }

  /** The specifications a title states, each once, at most three. */
  static List<String> specs(String title) {
    String lower = title.toLowerCase(Locale.ROOT).replace('-', ' ');
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < MATERIALS.size(); i++) {
      if (MATERIAL_WORDS.get(i).matcher(lower).find()) {
        out.add("material:" + MATERIALS.get(i));
      }
    }
    Matcher g = GAUGE.matcher(title);
    while (g.find()) {
      int a = Integer.parseInt(g.group(2));
      int b = Integer.parseInt(g.group(4));
      boolean dotted = g.group(1) != null && g.group(3) != null;
      boolean plain = g.group(1) == null && g.group(3) == null;
      if ((dotted || plain) && a >= 7 && a <= 14 && b >= 30 && b <= 110) {
        out.add("gauge:" + g.group().replace(" ", ""));
        break;
      }
    }
    Matcher p = PACK.matcher(title);
    if (p.find()) {
      String n = p.group(1) != null ? p.group(1) : p.group(2);
      if (Integer.parseInt(n) > 1) {
        out.add("pack:" + n);
      }
    }
    Matcher l = LENGTH.matcher(title);
    if (l.find() && Integer.parseInt(l.group(1)) > 0) {
      out.add("length:" + l.group(1));
    }
    return new ArrayList<>(out).subList(0, Math.min(3, out.size()));
  }
}
