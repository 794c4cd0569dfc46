package io.reasonflow.reasons;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.UserProfile;
import io.reasonflow.reasons.candidates.BruteForceSimilarity;
import io.reasonflow.reasons.evidence.ProductTypes;
import io.reasonflow.reasons.evidence.Variants;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another shade or size of an item the shopper has is not recommended to them as a new product. */
class RecommenderVariantsTest {
  @TempDir Path dir;

  @Test
  void variantsAreToldApartFromOtherProductsOfTheBrand() {
    Variants v = new Variants(ProductTypes.shipped());
    assertThat(
            v.variants(
                "John Frieda Precision Foam Hair Color, Glosser Warm Red, 6 Fluid Ounce",
                "John Frieda Precision Foam Hair Color, Glosser Cool Red, 6 Fluid Ounce"))
        .isTrue();
    assertThat(
            v.variants(
                "OPI Nail Lacquer, Big Apple Red, 0.5 Fluid Ounce",
                "OPI Nail Lacquer - Pompeii Purple"))
        .isTrue();
    assertThat(
            v.variants(
                "CLEAR Men Scalp and Hair 2 in 1 Shampoo and Conditioner, Ocean Mineral Hydration",
                "CLEAR Men Scalp and Hair 2 in 1 Shampoo and Conditioner, Citrus Fresh Hydration"))
        .isTrue();
    // same brand and type, different products; and a shampoo with its conditioner
    assertThat(
            v.variants(
                "Suave Keratin Infusion Color Care Dry Shampoo, 5 Ounce",
                "Suave Moroccan Infusion Dry Shampoo, 5 Ounce"))
        .isFalse();
    assertThat(
            v.variants(
                "Fekkai Essential Shea Shampoo 8 Fl Oz",
                "Fekkai Essential Shea Conditioner 8 Fl Oz"))
        .isFalse();
    assertThat(v.variants("OPI Nail Lacquer, Big Apple Red", "OPI Nail Lacquer, Big Apple Red"))
        .isFalse();
  }

  @Test
  void aShopperWithOneShadeIsNotRecommendedAnother() {
    TinyFeatures f = new TinyFeatures(dir);
    // u1 reviewed A (OPI Nail Lacquer, Big Apple Red); B is OPI Nail Lacquer, Lincoln Park After
    // Dark
    Recommender r =
        Recommender.fromConfig(
            f.config.with("reasons.require-figure", "false"),
            f.catalog,
            f.coViews,
            new BruteForceSimilarity(f.catalog),
            TinyFeatures.TOTAL_SHOPPERS);
    List<Recommendation> recs = r.recommend(f.u1);
    assertThat(recs).extracting(Recommendation::itemId).doesNotContain("B").isNotEmpty();
    assertThat(r.variantsCollapsed()).isPositive();
    // u2 bought B: A is B's variant and is not recommended either
    UserProfile u2 = f.u2;
    assertThat(r.recommend(u2)).extracting(Recommendation::itemId).doesNotContain("A");
  }
}
