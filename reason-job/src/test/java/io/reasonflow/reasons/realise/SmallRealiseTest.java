package io.reasonflow.reasons.realise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The small text helpers of the realiser. */
class SmallRealiseTest {

  @Test
  void titlesWithNoKnownBrandAreNamedByTheirCleanHeadCutBetweenPhrases() {
    assertThat(ItemNamer.head("OPI Nail Lacquer, Big Apple Red, 0.5 Fluid Ounce")).isEqualTo("OPI Nail Lacquer");
    assertThat(ItemNamer.head("Anti Aging Serum Vitamin C from Organic Plants")).isEqualTo(
        "Anti Aging Serum Vitamin C");
    assertThat(ItemNamer.head("Premium Phytoceramide Skin Care ~ A Natural Supplement")).isEqualTo(
        "Premium Phytoceramide Skin Care");
    assertThat(ItemNamer.clean("&#9733;SALE!&#9733; Cr&egrave;me Rinse (Pack of 3)")).isEqualTo("Crème Rinse");
    assertThat(ItemNamer.clean("#1 Best Seller Argan Oil - As Seen on TV")).isEqualTo("Argan Oil -");
  }

  @Test
  void itemsWithABrandAreNamedByBrandAndProductType() {
    ItemNamer namer = ItemNamer.over(java.util.List.of(
        "Suave Keratin Infusion Color Care Dry Shampoo, 4.3 oz", "Suave Professionals Shampoo",
        "Suave Naturals Conditioner", "John Frieda Precision Foam Hair Color, Glosser Cool Red",
        "John Frieda Frizz-Ease Serum", "John Frieda Sheer Blonde Conditioner",
        "Toni & Guy Leave-In Conditioner", "Toni & Guy Sea Salt Texturizing Spray",
        "OPI Nail Lacquer, Big Apple Red", "OPI Nail Lacquer, Malaga Wine"));
    assertThat(namer.name("Suave Keratin Infusion Color Care Dry Shampoo, 4.3 oz", ReasonLocale.EN))
        .isEqualTo("Suave dry shampoo");
    assertThat(namer.name("Suave Keratin Infusion Color Care Dry Shampoo, 4.3 oz", ReasonLocale.ZH_CN))
        .isEqualTo("Suave 干洗喷雾");
    assertThat(namer.name("Toni & Guy Leave-In Conditioner", ReasonLocale.EN))
        .isEqualTo("Toni & Guy leave-in conditioner");
    assertThat(namer.name("John Frieda Precision Foam Hair Color, Glosser Cool Red", ReasonLocale.EN))
        .isEqualTo("John Frieda hair color");
    assertThat(namer.name("OPI Nail Lacquer, Big Apple Red", ReasonLocale.EN)).isEqualTo("OPI nail polish");
    // no brand statistics for it: the name ends on the type's head noun, not cut before it
    assertThat(namer.name("Rosemary 100% Pure Therapeutic Grade Essential Oil- 10 ml", ReasonLocale.EN))
        .endsWith("Essential Oil");
  }

  @Test
  void chineseNumerals() {
    assertThat(ChineseNumerals.of(8)).isEqualTo("八");
    assertThat(ChineseNumerals.of(10)).isEqualTo("十");
    assertThat(ChineseNumerals.of(12)).isEqualTo("十二");
    assertThat(ChineseNumerals.of(20)).isEqualTo("二十");
    assertThat(ChineseNumerals.of(105)).isEqualTo("一百零五");
    assertThat(ChineseNumerals.of(110)).isEqualTo("一百一十");
    assertThat(ChineseNumerals.of(1001)).isEqualTo("一千零一");
    assertThat(ChineseNumerals.of(12345)).isEqualTo("12345");
  }

  @Test
  void sharesAreApproximateUnlessExact() {
    SlotRenderer r = new SlotRenderer(5);
    assertThat(r.share(12, 96, ReasonLocale.EN)).isEqualTo("1 in 8");
    assertThat(r.share(12, 100, ReasonLocale.EN)).isEqualTo("about 1 in 8");
    assertThat(r.share(12, 100, ReasonLocale.ZH_CN)).isEqualTo("约八分之一");
    assertThat(r.share(7, 7, ReasonLocale.ZH_CN)).isEqualTo("全部");
    assertThat(r.share(95, 100, ReasonLocale.EN)).isEqualTo("nearly all");
    assertThat(r.share(88, 131, ReasonLocale.EN)).isEqualTo("about 2 in 3");
    assertThat(r.share(5, 400, ReasonLocale.EN)).isEqualTo("1 in 80");
  }
}
