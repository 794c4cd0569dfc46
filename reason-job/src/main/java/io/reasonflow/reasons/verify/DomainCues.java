package io.reasonflow.reasons.verify;

import io.reasonflow.reasons.evidence.ProductType;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The verifier's own reading of what routine a title is about, from body-part and routine words
 * only ("hair", "scalp", "nail", "cuticle", "skin", "face", "lash", ...), never from the
 * product-type lexicon the namer uses. A type claim passes when the title has no such word, or has
 * one of the claimed type's routine: "the L'Oreal nail polish remover" for "L'Oreal ColorZap
 * Haircolor Remover" fails (the title speaks of hair only), as do "Laura Mercier Face Polish" named
 * a nail polish and "Best Detangling Hair Brush Set" named a makeup brush. It cannot tell two types
 * of one routine apart; the labelled items ({@code type-labels/}) measure what it lets through.
 * "Body" and "scent" are no cues: "Full Body Shampoo", "Fresh Scent Wipes".
 */
public final class DomainCues {
  private static final Map<String, List<String>> CUES =
      Map.of(
          "hair",
              List.of(
                  "hair",
                  "hairs",
                  "haircolor",
                  "haircolour",
                  "hairspray",
                  "scalp",
                  "curl",
                  "curls",
                  "curly",
                  "frizz",
                  "frizzy",
                  "tresses",
                  "strands",
                  "roots",
                  "braid",
                  "braids",
                  "ponytail",
                  "beard",
                  "mustache",
                  "keratin",
                  "locks"),
          "nails",
              List.of(
                  "nail",
                  "nails",
                  "fingernail",
                  "fingernails",
                  "toenail",
                  "toenails",
                  "cuticle",
                  "cuticles",
                  "manicure",
                  "pedicure",
                  "mani",
                  "pedi"),
          "skin",
              List.of(
                  "skin",
                  "face",
                  "facial",
                  "complexion",
                  "pore",
                  "pores",
                  "acne",
                  "wrinkle",
                  "wrinkles",
                  "hand",
                  "hands",
                  "foot",
                  "feet",
                  "heel",
                  "heels",
                  "lip",
                  "lips",
                  "bath",
                  "shower",
                  "shave",
                  "shaving",
                  "beard",
                  "underarm",
                  "eye",
                  "eyes",
                  "cheek",
                  "cheeks"),
          "makeup",
              List.of(
                  "makeup",
                  "cosmetic",
                  "cosmetics",
                  "eye",
                  "eyes",
                  "lash",
                  "lashes",
                  "eyelash",
                  "eyelashes",
                  "brow",
                  "brows",
                  "eyebrow",
                  "eyebrows",
                  "lip",
                  "lips",
                  "cheek",
                  "cheeks",
                  "face",
                  "contour"),
          "fragrance", List.of("parfum", "perfume", "cologne", "toilette", "fragrance", "eau"));

  private DomainCues() {}

  /** The routines the title's words speak of. */
  public static Set<String> domains(String title) {
    Set<String> words = new HashSet<>(List.of(title.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")));
    Set<String> out = new HashSet<>();
    CUES.forEach(
        (domain, cues) -> {
          if (cues.stream().anyMatch(words::contains)) {
            out.add(domain);
          }
        });
    return out;
  }

  /**
   * Words of musical instruments and their gear: a title with one may be typed as an instruments
   * type whatever else it says ("18 Feet Instrument Cable" speaks of feet); a title with none but a
   * beauty routine word may not ("Nail Clipper" is no guitar pick).
   */
  static final Set<String> INSTRUMENT_CUES =
      Set.of(
          "guitar",
          "guitars",
          "bass",
          "acoustic",
          "electric",
          "ukulele",
          "uke",
          "banjo",
          "mandolin",
          "violin",
          "string",
          "strings",
          "fret",
          "frets",
          "fretboard",
          "pick",
          "picks",
          "capo",
          "tuner",
          "tuning",
          "strap",
          "amp",
          "amplifier",
          "pedal",
          "pedals",
          "effects",
          "cable",
          "cables",
          "instrument",
          "instruments",
          "microphone",
          "mic",
          "mics",
          "xlr",
          "vocal",
          "studio",
          "recording",
          "audio",
          "drum",
          "drums",
          "cymbal",
          "percussion",
          "keyboard",
          "piano",
          "midi",
          "music",
          "musical",
          "stage",
          "speaker",
          "headphones",
          "headphone",
          "harmonica",
          "stand",
          "pickup",
          "pickups",
          "tube",
          "tubes",
          "mixer");

  /**
   * Types the lexicon may read from a generic word ("mirror", "mask", "essence", "polish") that a
   * title also uses for something else: the title must have one of the words that say the item does
   * that type's job. Written from the validation items' errors ({@code type-labels/}): "Essie
   * Mirror Metallic" is a nail polish, a "Curl Shaping and Defining Cream" no pomade.
   */
  private static final Map<String, Set<String>> NEEDS =
      Map.of(
          "mirror",
              Set.of(
                  "makeup",
                  "vanity",
                  "compact",
                  "magnifying",
                  "magnifier",
                  "lighted",
                  "cosmetic",
                  "travel",
                  "hand",
                  "handheld",
                  "pocket",
                  "wall",
                  "shower",
                  "led",
                  "fogless",
                  "mirrors"),
          "pomade", Set.of("pomade", "pomades", "wax", "paste", "clay", "putty", "grease"));

  /**
   * Words that make a type's generic word something else: a "Sleep Mask" is no face mask, "Removal
   * Wraps" no nail polish, a "cleaner lotion" no body lotion, a moisturizer of a brand called
   * "Desert Essence" no serum.
   */
  private static final Map<String, Set<String>> CONTRADICTS =
      Map.of(
          "face mask", Set.of("sleep", "sleeping", "blindfold", "eyeshade"),
          "nail polish", Set.of("removal", "remover"),
          "body lotion", Set.of("cleaner", "cleanser", "cleansing"),
          "face serum", Set.of("moisturizer", "moisturiser"));

  /** Null when the title's routine words allow the type, else why not. */
  public static String check(String title, ProductType claimed) {
    Set<String> titleWords =
        new HashSet<>(List.of(title.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")));
    Set<String> needs = NEEDS.get(claimed.en());
    if (needs != null && needs.stream().noneMatch(titleWords::contains)) {
      return "names the item a "
          + claimed.en()
          + ", but its title speaks of no "
          + claimed.en()
          + " (none of "
          + new java.util.TreeSet<>(needs)
          + ")";
    }
    Set<String> contra = CONTRADICTS.get(claimed.en());
    if (contra != null
        && contra.stream().anyMatch(titleWords::contains)
        && !(claimed.en().equals("face serum") && titleWords.contains("serum"))) {
      return "names the item a "
          + claimed.en()
          + ", but its title speaks of something else ("
          + contra.stream().filter(titleWords::contains).sorted().toList()
          + ")";
    }
    if (claimed.domain().equals("instruments")) {
      Set<String> words =
          new HashSet<>(List.of(title.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")));
      if (words.stream().anyMatch(INSTRUMENT_CUES::contains) || domains(title).isEmpty()) {
        return null;
      }
      return "names the item a "
          + claimed.en()
          + " (instruments), but its title speaks only of "
          + domains(title);
    }
    Set<String> seen = domains(title);
    if (seen.isEmpty() || seen.contains(claimed.domain()) || claimed.domain().equals("other")) {
      return null;
    }
    return "names the item a "
        + claimed.en()
        + " ("
        + claimed.domain()
        + "), but its title speaks of "
        + seen;
  }
}
