package io.reasonflow.reasons.evidence;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which product types are used together ({@code product-types/beauty-routines.tsv}): two types go
 * together when one routine (a sequence of application steps: cleanse, tone, treat, moisturise)
 * lists both. Finer than a type's domain, which only says the body part: a razor and a face serum
 * are both skin care and are not used together.
 */
public final class TypePairs {
  static final String RESOURCE = "product-types/beauty-routines.tsv";
  private static final TypePairs SHIPPED = load(ProductTypes.shipped());

  /** Routine names per English type name. */
  private final Map<String, Set<String>> routines;

  private TypePairs(Map<String, Set<String>> routines) {
    this.routines = routines;
  }

  /** No two types go together: a lexicon without a routine file makes no COMPLEMENT claim. */
  public static TypePairs none() {
    return new TypePairs(Map.of());
  }

  /** The shipped routines for the beauty lexicon; none for any other lexicon. */
  public static TypePairs forTypes(ProductTypes types) {
    return types == ProductTypes.shipped() ? SHIPPED : none();
  }

  /** The routines shipped with ReasonFlow, over the shipped type lexicon. */
  public static TypePairs shipped() {
    return SHIPPED;
  }

  private static TypePairs load(ProductTypes types) {
    return parse(TypeTable.lines(RESOURCE), types);
  }

  static TypePairs parse(String[] lines, ProductTypes types) {
    Map<String, Set<String>> m = new HashMap<>();
    for (TypeTable.Row row : TypeTable.rows(RESOURCE, lines, 2, "routine, types")) {
      String[] f = row.fields();
      for (String type : f[1].split("\\|")) {
        String t = TypeTable.knownType(RESOURCE, row, type, types);
        m.computeIfAbsent(t, k -> new HashSet<>()).add(f[0].strip());
      }
    }
    m.replaceAll((k, v) -> Set.copyOf(v));
    return new TypePairs(Map.copyOf(m));
  }

  /** Whether two different types share a routine. */
  public boolean together(ProductType a, ProductType b) {
    if (a.equals(b)) {
      return false;
    }
    Set<String> ra = routines.getOrDefault(a.en(), Set.of());
    return routines.getOrDefault(b.en(), Set.of()).stream().anyMatch(ra::contains);
  }
}
