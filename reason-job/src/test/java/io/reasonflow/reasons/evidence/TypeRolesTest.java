package io.reasonflow.reasons.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Roles within one product type keep the relation rule from calling a night cream a substitute for
 * a day cream: the validation errors of relation-labels/beauty-pairs.tsv that led to {@code
 * beauty-roles.tsv}, and pairs that stay substitutes.
 */
class TypeRolesTest {
  private final RelationRule rule = new RelationRule(ProductTypes.shipped());

  @Test
  void differentRolesOfOneTypeAreNoSubstitutes() {
    assertThat(
            rule.classify(
                "Vivo Per Lei Moisturizing Day Cream, 1.7-Fluid Ounce",
                "Vivo Per Lei Cell Renewal Night Cream, 1.7-Fluid Ounce",
                12))
        .isEqualTo(Relation.RELATED);
    assertThat(rule.classify("real Techniques Powder Brush", "real Techniques Blush Brush", 20))
        .isEqualTo(Relation.RELATED);
    assertThat(
            rule.classify(
                "20% Vitamin C + E Ferulic Acid Serum 1 oz.",
                "The Original Hyaluronic Acid Serum 100% Pure 2 oz.", 8))
        .isEqualTo(Relation.RELATED);
    // one named role against none is not known to be the same job either
    assertThat(
            rule.classify(
                "OPI Nail Polish, Top Coat, 0.5-Ounce",
                "Opi Nail Lacquer, Not So Bora Pink, 0.5 Fluid Ounce",
                6))
        .isEqualTo(Relation.RELATED);
    assertThat(
            rule.classify(
                "Duo Lash Adhesive, Clear, 0.25 Ounce", "Ardell Fashion Lashes Pair - Wispies", 9))
        .isEqualTo(Relation.RELATED);
  }

  @Test
  void theSameRoleOrNoneStaysASubstitute() {
    assertThat(
            rule.classify(
                "Harmony Gelish Uv Soak Off Gel Polish -Sweet Cheeks (0.5 Oz)",
                "Harmony Gelish Uv Soak Off Gel Polish -Rose Garden (0.5 Oz)",
                7))
        .isEqualTo(Relation.SUBSTITUTE);
    assertThat(
            rule.classify(
                "Burt's Bees Sensitive Night Cream, 1.8 Ounces",
                "RoC Retinol Correxion Deep Wrinkle Night Cream, 1-Ounce",
                5))
        .isEqualTo(Relation.SUBSTITUTE);
  }

  @Test
  void theRoleIsThePhraseNamedFirst() {
    ProductType brush = ProductTypes.shipped().named("makeup brush").orElseThrow();
    assertThat(TypeRoles.shipped().roleOf("EcoTools Domed Bronzer Brush", brush))
        .contains("bronzer");
    assertThat(TypeRoles.shipped().roleOf("SHANY Studio Quality Cosmetic Brush Set", brush))
        .isEmpty();
  }
}
