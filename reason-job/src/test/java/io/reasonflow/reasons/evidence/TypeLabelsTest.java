package io.reasonflow.reasons.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The product type a reason names an item by, against 121 Beauty items labelled by reading their
 * titles ({@code type-labels/README.md}): precision of the type claims (a claimed type the label
 * does not allow is wrong) and how many items get a type at all. Prints the table and every wrong
 * claim for docs/benchmarks.md.
 */
class TypeLabelsTest {
  /** Measured 0.975 on this set after the compound-head rule (0.849 before it). */
  static final double PRECISION_FLOOR = 0.95;

  /** Measured 0.815 on the held-out items, drawn after the rule was written: the fair figure. */
  static final double HELD_OUT_PRECISION_FLOOR = 0.8;

  /**
   * Instruments validation split (type-labels/README.md): 0.804 before the further-heads rule and
   * the lexicon fixes written after reading its errors, 1.000 after.
   */
  static final double INSTRUMENTS_FLOOR = 0.95;

  /** Instruments held-out split, errors never read: 0.906 before, 0.941 after. */
  static final double INSTRUMENTS_HELD_OUT_FLOOR = 0.9;

  /** Share of items named by a type: precision must not be bought by claiming nothing. */
  static final double COVERAGE_FLOOR = 0.6;

  record Item(String id, Set<String> labels, String title) {}

  static List<Item> items(String file) throws IOException {
    List<Item> out = new ArrayList<>();
    try (InputStream in = TypeLabelsTest.class.getResourceAsStream("/type-labels/" + file)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#") || line.startsWith("item_id")) {
          continue;
        }
        String[] f = line.split("\t");
        out.add(new Item(f[0], Set.of(f[1].split("\\|")), f[2]));
      }
    }
    return out;
  }

  @Test
  void typeClaimsAgreeWithTheLabels() throws IOException {
    score(items("beauty-items.tsv"), PRECISION_FLOOR);
  }

  /** The fair figure: items drawn and labelled after the rule was last changed. */
  @Test
  void typeClaimsAgreeWithHeldOutLabels() throws IOException {
    score(items("beauty-items-heldout.tsv"), HELD_OUT_PRECISION_FLOOR);
  }

  /**
   * The fresh held-out Beauty items, labelled 2026-12-06 before any type rule change: the figure is
   * printed, the wrong claims are not.
   */
  @Test
  void typeClaimsAgreeWithFreshHeldOutLabels() throws IOException {
    score(
        items("beauty-items-heldout-2.tsv"),
        ProductTypes.shipped(),
        HELD_OUT_PRECISION_FLOOR,
        80,
        false);
  }

  /** Instruments, validation split: the rules were changed after reading its wrong claims only. */
  @Test
  void instrumentsTypeClaimsAgreeWithTheLabels() throws IOException {
    score(items("instruments-items.tsv"), ProductTypes.instruments(), INSTRUMENTS_FLOOR, 60, true);
  }

  /** Instruments, held-out split: labelled with the validation split, its errors never read. */
  @Test
  void instrumentsTypeClaimsAgreeWithHeldOutLabels() throws IOException {
    score(
        items("instruments-items-heldout.tsv"),
        ProductTypes.instruments(),
        INSTRUMENTS_HELD_OUT_FLOOR,
        60,
        false);
  }

  private static void score(List<Item> items, double floor) {
    score(items, ProductTypes.shipped(), floor, 80, true);
  }

  /**
   * @param printItems whether to print each wrong or missing claim: off for a held-out split whose
   *     errors must not be read while rules are written
   */
  private static void score(
      List<Item> items, ProductTypes types, double floor, int minItems, boolean printItems) {
    assertThat(items).hasSizeGreaterThanOrEqualTo(minItems);
    int claimed = 0;
    int right = 0;
    List<String> wrong = new ArrayList<>();
    for (Item i : items) {
      // what the namer claims: the lexicon on the cleaned title (Beauty's figures were measured
      // on raw titles and are kept so)
      String title =
          types == ProductTypes.shipped()
              ? i.title()
              : io.reasonflow.reasons.realise.ItemNamer.clean(i.title());
      Optional<ProductType> t = types.typeOf(title);
      if (t.isEmpty()) {
        if (printItems && !i.labels().contains("-")) {
          System.out.println("untyped (labelled " + i.labels() + "): " + i.title());
        }
        continue;
      }
      claimed++;
      if (i.labels().contains(t.get().en())) {
        right++;
      } else {
        wrong.add("WRONG " + t.get().en() + " (labelled " + i.labels() + "): " + i.title());
      }
    }
    double precision = (double) right / claimed;
    double coverage = (double) claimed / items.size();
    System.out.printf(
        "type claims %d of %d items (coverage %.3f), right %d, precision %.3f%n",
        claimed, items.size(), coverage, right, precision);
    if (printItems) {
      wrong.forEach(System.out::println);
    }
    assertThat(precision).as("precision of type claims").isGreaterThanOrEqualTo(floor);
    assertThat(coverage)
        .as("share of items named by a type")
        .isGreaterThanOrEqualTo(COVERAGE_FLOOR);
  }

  @Test
  void anOilIsTypedOnlyByWhatKindOfOilItSaysItIs() {
    ProductTypes types = ProductTypes.shipped();
    // read aloud in the demo: a hair spray called "This carrier oil is for your skin-care routine"
    // because a bare "oil" typed every oil a carrier oil (hot oil treatments, oil-absorbing sheets)
    assertThat(
            types.typeOf(
                "Suave Professionals Natural Infusion Macadamia Oil and White Orchid Light Oil"
                    + " Spray, 3 Ounce"))
        .isEmpty();
    assertThat(types.typeOf("Clean and Clear Oil-Absorbing Sheets, 50-Count Sheets")).isEmpty();
    assertThat(types.typeOf("Alberto VO5 Moisturizing Hot Oil Treatment, 0.5 Ounce"))
        .map(ProductType::en)
        .contains("hair oil");
    assertThat(types.typeOf("NOW Foods Apricot Kernel Oil (Liquid), 16 oz"))
        .map(ProductType::en)
        .contains("carrier oil");
    // an oil named after another type is that type's oil, not the type; "oil free" is no oil
    assertThat(types.typeOf("Palmer's Cocoa Butter Formula Skin Therapy Oil, 5.1 Ounce")).isEmpty();
    assertThat(types.typeOf("Image Prevention + Daily Matte Moisturizer Oil Free SPF 32"))
        .map(ProductType::en)
        .contains("face moisturizer");
    assertThat(types.typeOf("Emu Oil 100% Pure Moisturizing Oil For Face"))
        .map(ProductType::en)
        .contains("carrier oil");
  }

  @Test
  void aHeadWordModifiedByAnotherTypeIsNotThatType() {
    ProductTypes types = ProductTypes.shipped();
    // "remover" alone is a nail polish remover, but a haircolor remover is not one
    assertThat(types.typeOf("L'Oreal ColorZap Haircolor Remover").map(ProductType::en))
        .isNotEqualTo(Optional.of("nail polish remover"));
    assertThat(
            types.typeOf("Redken Satinwear Blow Dry Lotion, 5-Ounces Bottle").map(ProductType::en))
        .isNotEqualTo(Optional.of("body lotion"));
    assertThat(
            types.typeOf("Ella International Lip Chic Lipstick Sealer 0.25oz").map(ProductType::en))
        .isNotEqualTo(Optional.of("lipstick"));
    // read aloud in the demo: "the Designer face powder you reviewed" for a protein powder, and a
    // hair sculpting powder called a face powder
    assertThat(
            types
                .typeOf(
                    "Designer Whey Fit and Trim Premium Protein Powder with Soy, French Vanilla, 10"
                        + " Ounce")
                .map(ProductType::en))
        .contains("supplement");
    assertThat(
            types
                .typeOf("Toni and Guy Casual Sculpting Powder, 0.035 Fluid Ounce")
                .map(ProductType::en))
        .contains("styling powder");
    // the specific phrase still wins where the lexicon has it
    assertThat(types.typeOf("Cutex Nail Polish Remover, 6.7 oz").map(ProductType::en))
        .contains("nail polish remover");
    assertThat(types.typeOf("Neutrogena Eye Makeup Remover").map(ProductType::en))
        .contains("makeup remover");
  }

  /** Issue 13: a type phrase that modifies a further noun is not the item's type. */
  @Test
  void anInstrumentTypeFollowedByAnotherNounIsNotTheItemsType() {
    ProductTypes types = ProductTypes.instruments();
    assertThat(types.typeOf("Dunlop Acoustic Guitar Frets (37083022001).")).isEmpty();
    assertThat(types.typeOf("Planet Waves Acoustic Guitar Quick-Release System.")).isEmpty();
    assertThat(types.typeOf("Fender 4-Position Custom Shop Telecaster Pickup Selector Switch."))
        .isEmpty();
    assertThat(types.typeOf("Behringer CT100 Professional 6-in-1 Instrument Cable Tester."))
        .isEmpty();
    // what the item is for, or comes with, is not what it is
    assertThat(types.typeOf("Kyser Capo for Acoustic Guitar").map(ProductType::en))
        .contains("capo");
    assertThat(
            types
                .typeOf(
                    "Pyle-Pro Dynamic Vocal Handheld Microphone Includes 15ft XLR Audio Cable to"
                        + " 1/4'' Audio Connection (PDMIC78).")
                .map(ProductType::en))
        .contains("microphone");
    // the head itself still types
    assertThat(types.typeOf("Seagull S6 Original Acoustic Guitar.").map(ProductType::en))
        .contains("acoustic guitar");
    assertThat(types.typeOf("Martin Acoustic Guitar Strings").map(ProductType::en))
        .contains("guitar strings");
  }
}
