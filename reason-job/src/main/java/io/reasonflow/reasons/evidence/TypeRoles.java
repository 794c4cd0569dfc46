package io.reasonflow.reasons.evidence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The role a title names within its product type ({@code product-types/beauty-roles.tsv}): a day or
 * a night cream, a powder or a blush brush, a lash glue among false eyelashes. The relation rule
 * calls two items of one type substitutes only when their roles agree; a day cream does not replace
 * a night cream, though the lexicon types both as a face moisturizer.
 */
public final class TypeRoles {
  static final String RESOURCE = "product-types/beauty-roles.tsv";
  private static final TypeRoles SHIPPED = load(ProductTypes.shipped());

  private record Phrase(String role, List<String> words) {}

  /** Role phrases per English type name, in file order. */
  private final Map<String, List<Phrase>> phrases;

  private TypeRoles(Map<String, List<Phrase>> phrases) {
    this.phrases = phrases;
  }

  /** No roles: same type is same role. */
  public static TypeRoles none() {
    return new TypeRoles(Map.of());
  }

  /** The shipped roles for the beauty lexicon; none for any other lexicon. */
  public static TypeRoles forTypes(ProductTypes types) {
    return types == ProductTypes.shipped() ? SHIPPED : none();
  }

  public static TypeRoles shipped() {
    return SHIPPED;
  }

  private static TypeRoles load(ProductTypes types) {
    return parse(TypeTable.lines(RESOURCE), types);
  }

  static TypeRoles parse(String[] lines, ProductTypes types) {
    Map<String, List<Phrase>> m = new HashMap<>();
    for (TypeTable.Row row : TypeTable.rows(RESOURCE, lines, 3, "type, role, phrases")) {
      String[] f = row.fields();
      String type = TypeTable.knownType(RESOURCE, row, f[0], types);
      for (String p : f[2].split("\\|")) {
        m.computeIfAbsent(type, k -> new ArrayList<>())
            .add(new Phrase(f[1].strip(), ProductTypes.words(p)));
      }
    }
    m.replaceAll((k, v) -> List.copyOf(v));
    return new TypeRoles(Map.copyOf(m));
  }

  /**
   * The role {@code title} names for its {@code type}: the role whose phrase starts earliest in the
   * title (the longer phrase on a tie), or empty when it names none.
   */
  public Optional<String> roleOf(String title, ProductType type) {
    List<Phrase> ps = phrases.get(type.en());
    if (ps == null) {
      return Optional.empty();
    }
    List<String> w = ProductTypes.words(title);
    for (int start = 0; start < w.size(); start++) {
      Phrase best = null;
      for (Phrase p : ps) {
        if (startsAt(w, start, p.words())
            && (best == null || p.words().size() > best.words().size())) {
          best = p;
        }
      }
      if (best != null) {
        return Optional.of(best.role());
      }
    }
    return Optional.empty();
  }

  /** Whether two titles of {@code type} name the same role, or neither names one. */
  public boolean sameRole(String titleA, String titleB, ProductType type) {
    return roleOf(titleA, type).equals(roleOf(titleB, type));
  }

  private static boolean startsAt(List<String> w, int start, List<String> phrase) {
    if (phrase.isEmpty() || start + phrase.size() > w.size()) {
      return false;
    }
    for (int k = 0; k < phrase.size(); k++) {
      if (!w.get(start + k).equals(phrase.get(k))) {
        return false;
      }
    }
    return true;
  }
}
