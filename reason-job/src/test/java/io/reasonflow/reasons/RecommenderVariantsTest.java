package io.reasonflow.reasons;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.reasons.candidates.BruteForceSimilarity;
import io.reasonflow.reasons.evidence.ItemCatalog;
import io.reasonflow.reasons.evidence.ProductTypes;
import io.reasonflow.reasons.evidence.Variants;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        Recommender.create(
            ReasonSettings.from(f.config.with("reasons.require-figure", "false")),
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

  /**
   * Issue 13: the Recommender told variants apart by the Beauty lexicon whatever the catalogue, so
   * two packs of one Fender pick line were both recommended. It uses the catalogue's lexicon.
   */
  @Test
  void instrumentVariantsAreCollapsedByTheCataloguesLexicon() {
    String medium = "Fender 351 Classic Celluloid Guitar Picks, Medium, 12 Pack";
    String heavy = "Fender 351 Classic Celluloid Guitar Picks, Heavy, 12 Pack";
    assertThat(new Variants(ProductTypes.instruments()).variants(medium, heavy)).isTrue();
    ItemCatalog catalog =
        ItemCatalog.of(
            List.of(
                item("A", medium, 90, 1, 0),
                item("B", heavy, 40, .9f, .1f),
                item("C", "Kyser Quick-Change Capo, Black", 60, .8f, .2f),
                item("D", "Snark SN-5 Clip-On Chromatic Tuner", 50, .7f, .3f)));
    CoViewTable coViews =
        CoViewTable.of(
            Map.of(
                CoViewTable.key("A", "B"), 9,
                CoViewTable.key("A", "C"), 8,
                CoViewTable.key("A", "D"), 7));
    UserProfile u =
        new UserProfile(
            "u",
            new float[2],
            1,
            List.of(new Anchor("A", EventType.REVIEW, 1)),
            List.of("A"),
            1,
            1);
    Recommender r =
        Recommender.create(
            ReasonSettings.from(Config.defaults().with("reasons.require-figure", "false")),
            catalog,
            coViews,
            new BruteForceSimilarity(catalog),
            200);
    List<Recommendation> recs = r.recommend(u);
    assertThat(recs).extracting(Recommendation::itemId).doesNotContain("B").isNotEmpty();
    assertThat(r.variantsCollapsed()).isPositive();
  }

  private static ItemFeatures item(String id, String title, int shoppers, float... v) {
    return new ItemFeatures(
        Item.ofTitle(id, title), v, 1, ItemFeatures.VectorSource.BEHAVIOUR, shoppers, List.of());
  }
}
