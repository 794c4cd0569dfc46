package io.reasonflow.reasons.realise;

import io.reasonflow.reasons.evidence.Brands;
import io.reasonflow.reasons.verify.DomainCues;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The routines (hair, skin, nails, makeup, fragrance) a brand's titles speak of in their own words
 * ({@link DomainCues}: "hair", "scalp", "face", "nail", ...), counted over a catalogue. A title
 * such as "Kerastase Nutritive Oleo-Relax Serum" says nothing of its routine, and the lexicon's
 * reading of a lone "serum" is a face serum; but every Kerastase title that names a routine names
 * hair. Reading the 59 Beauty titles this rule stops typing (of 8,267 typed), about 50 were false
 * claims (hair serums and masks called face serums and masks, hair brushes called makeup brushes,
 * hair wax called hair removal, body polish called nail polish) and about 9 true ones were lost (a
 * skin-care brand's conditioner): a lost type only makes the name plainer, a false one is a false
 * reason.
 */
public final class BrandRoutines {
  /** Titles with routine words a brand needs before its silence on a routine counts. */
  static final int MIN_CUED_TITLES = 2;

  private static final BrandRoutines NONE = new BrandRoutines(Map.of(), Map.of());

  private final Map<String, Integer> cuedTitles;
  private final Map<String, Set<String>> routines;

  private BrandRoutines(Map<String, Integer> cuedTitles, Map<String, Set<String>> routines) {
    this.cuedTitles = cuedTitles;
    this.routines = routines;
  }

  /** No catalogue: no brand is known to keep to a routine. */
  public static BrandRoutines none() {
    return NONE;
  }

  /**
   * The routines each brand's {@code cleanTitles} speak of, brands as {@code brands} reads them.
   */
  public static BrandRoutines over(Collection<String> cleanTitles, Brands brands) {
    Map<String, Integer> cued = new HashMap<>();
    Map<String, Set<String>> routines = new HashMap<>();
    for (String t : cleanTitles) {
      Set<String> said = DomainCues.domains(t);
      if (said.isEmpty()) {
        continue;
      }
      brands
          .brandOfUnremembered(t) // every title of the catalogue: not kept in the brands' memory
          .ifPresent(
              b -> {
                cued.merge(b, 1, Integer::sum);
                routines.computeIfAbsent(b, k -> new java.util.HashSet<>()).addAll(said);
              });
    }
    routines.replaceAll((b, r) -> Set.copyOf(r));
    return new BrandRoutines(Map.copyOf(cued), Map.copyOf(routines));
  }

  /**
   * Whether the brand's titles, in at least {@link #MIN_CUED_TITLES} of them, speak of routines and
   * never of {@code routine}.
   */
  public boolean keepsOutOf(String brand, String routine) {
    return cuedTitles.getOrDefault(brand, 0) >= MIN_CUED_TITLES
        && !routines.get(brand).contains(routine);
  }
}
