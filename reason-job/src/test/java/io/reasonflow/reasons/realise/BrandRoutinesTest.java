package io.reasonflow.reasons.realise;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.reasons.evidence.ProductType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A lone head word the lexicon also knows in another routine ("Serum", "Mask", "Cleanser") is not
 * claimed for a brand whose titles speak only of another routine. Read aloud in the demo:
 * "Suggested since you reviewed the Motions face cleanser" for a hair relaxer's cleanser.
 */
class BrandRoutinesTest {
  private static final List<String> CATALOGUE =
      List.of(
          "Motions At Home Oil Moisturizer Hair Lotion, 12-Ounce Bottles",
          "Motions Professional Hair Relaxer Kit",
          "Motions Straight Finish Cleanser, 8 Ounce",
          "Kerastase Bain Satin Shampoo for Dry Hair",
          "Kerastase Masque for Damaged Hair",
          "Kerastase Nutritive Oleo-Relax Serum, 4.2 Ounces",
          "Cetaphil Gentle Skin Cleanser, 16 fl oz",
          "Cetaphil Daily Facial Moisturizer",
          "Cetaphil Serum, 1 oz",
          "Cetaphil Extra Gentle Cleanser",
          "Quiet Brand Serum, 1 oz",
          "Quiet Brand Cleanser, 8 oz");

  private final ItemNamer namer = ItemNamer.over(CATALOGUE);

  @Test
  void aLoneHeadIsNotClaimedForABrandOfAnotherRoutine() {
    assertThat(namer.type("Motions Straight Finish Cleanser, 8 Ounce")).isEmpty();
    assertThat(namer.type("Kerastase Nutritive Oleo-Relax Serum, 4.2 Ounces")).isEmpty();
    assertThat(namer.claimableType("Kerastase Nutritive Oleo-Relax Serum, 4.2 Ounces")).isEmpty();
    assertThat(namer.name("Motions Straight Finish Cleanser, 8 Ounce", ReasonLocale.EN))
        .doesNotContain("face cleanser")
        .startsWith("Motions");
    assertThat(namer.name("Kerastase Nutritive Oleo-Relax Serum, 4.2 Ounces", ReasonLocale.ZH_CN))
        .doesNotContain("精华液");
  }

  @Test
  void theSameHeadIsClaimedWhereTheBrandSpeaksOfItsRoutineOrOfNone() {
    assertThat(namer.type("Cetaphil Serum, 1 oz")).map(ProductType::en).contains("face serum");
    assertThat(namer.type("Cetaphil Extra Gentle Cleanser"))
        .map(ProductType::en)
        .contains("face cleanser");
    // a brand whose titles name no routine says nothing either way: the lexicon decides
    assertThat(namer.type("Quiet Brand Serum, 1 oz")).map(ProductType::en).contains("face serum");
    // a head the lexicon knows in one routine only is typed whatever the brand
    assertThat(namer.type("Kerastase Bain Satin Shampoo for Dry Hair"))
        .map(ProductType::en)
        .contains("shampoo");
  }

  @Test
  void withoutACatalogueTheLexiconDecides() {
    ItemNamer bare = ItemNamer.titleOnly();
    assertThat(bare.type("Kerastase Nutritive Oleo-Relax Serum, 4.2 Ounces"))
        .map(ProductType::en)
        .contains("face serum");
  }
}
