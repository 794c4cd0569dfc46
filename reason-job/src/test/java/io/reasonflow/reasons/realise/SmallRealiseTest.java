package io.reasonflow.reasons.realise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The small text helpers of the realiser. */
class SmallRealiseTest {

  @Test
  void titlesWithNoKnownBrandAreNamedByTheirCleanHeadCutBetweenPhrases() {
    assertThat(ItemNamer.head("OPI Nail Lacquer, Big Apple Red, 0.5 Fluid Ounce"))
        .isEqualTo("OPI Nail Lacquer");
    assertThat(ItemNamer.head("Anti Aging Serum Vitamin C from Organic Plants"))
        .isEqualTo("Anti Aging Serum Vitamin C");
    assertThat(ItemNamer.head("Premium Phytoceramide Skin Care ~ A Natural Supplement"))
        .isEqualTo("Premium Phytoceramide Skin Care");
    assertThat(ItemNamer.clean("&#9733;SALE!&#9733; Cr&egrave;me Rinse (Pack of 3)"))
        .isEqualTo("Crème Rinse");
    assertThat(ItemNamer.clean("#1 Best Seller Argan Oil - As Seen on TV"))
        .isEqualTo("Argan Oil -");
  }

  @Test
  void itemsWithABrandAreNamedByBrandAndProductType() {
    ItemNamer namer =
        ItemNamer.over(
            java.util.List.of(
                "Suave Keratin Infusion Color Care Dry Shampoo, 4.3 oz",
                    "Suave Professionals Shampoo",
                "Suave Naturals Conditioner",
                    "John Frieda Precision Foam Hair Color, Glosser Cool Red",
                "John Frieda Frizz-Ease Serum", "John Frieda Sheer Blonde Conditioner",
                "Toni & Guy Leave-In Conditioner", "Toni & Guy Sea Salt Texturizing Spray",
                "OPI Nail Lacquer, Big Apple Red", "OPI Nail Lacquer, Malaga Wine"));
    assertThat(namer.name("Suave Keratin Infusion Color Care Dry Shampoo, 4.3 oz", ReasonLocale.EN))
        .isEqualTo("Suave dry shampoo");
    assertThat(
            namer.name("Suave Keratin Infusion Color Care Dry Shampoo, 4.3 oz", ReasonLocale.ZH_CN))
        .isEqualTo("Suave 干洗喷雾");
    assertThat(namer.name("Toni & Guy Leave-In Conditioner", ReasonLocale.EN))
        .isEqualTo("Toni & Guy leave-in conditioner");
    assertThat(
            namer.name("John Frieda Precision Foam Hair Color, Glosser Cool Red", ReasonLocale.EN))
        .isEqualTo("John Frieda hair color");
    assertThat(namer.name("OPI Nail Lacquer, Big Apple Red", ReasonLocale.EN))
        .isEqualTo("OPI nail polish");
    // no brand statistics for it: the name ends on the type's head noun, not cut before it; a head
    // longer than a name may be is not cut down to a fragment ("Therapeutic Grade Essential Oil"):
    // the type names it
    assertThat(namer.name("Rosemary Pure Essential Oil- 10 ml", ReasonLocale.EN))
        .isEqualTo("rosemary pure essential oil");
    assertThat(
            namer.name(
                "Rosemary 100% Pure Therapeutic Grade Essential Oil- 10 ml", ReasonLocale.EN))
        .isEqualTo("essential oil");
    assertThat(
            namer.name(
                "Rosemary 100% Pure Therapeutic Grade Essential Oil- 10 ml", ReasonLocale.ZH_CN))
        .isEqualTo("精油");
  }

  /**
   * The names of the last demo that were fragments: a title of no known type whose first segment is
   * too long to be a name is named by its brand and a generic noun, or "item", never by its first
   * few words.
   */
  @Test
  void untypedTitlesAreNeverCutInsideAPhrase() {
    ItemNamer namer =
        ItemNamer.over(
            java.util.List.of(
                "Inifiniti by Conair 228 Nano Silver Tourmaline Ceramic Styler, White",
                    "Inifiniti Pro Ceramic Something",
                "Premium Phytoceramide Skin Care Complex Advanced Natural Formula",
                    "Green Magic Hair Growth Cream"));
    String longTitle =
        "Cellulite Cream - The Best Firming, Toning, and AntiCellulite Treatment Available - Two "
            + "Ingredients Clinically Proven to Eliminate Cellulte, Moisturize The Skin, and Increase Collagen";
    assertThat(namer.name(longTitle, ReasonLocale.EN)).doesNotContain("Increase Collagen");
    assertThat(
            namer.name(
                "Inifiniti Pro Conair Nano Silver Tourmaline Ceramic Styler, White",
                ReasonLocale.EN))
        .isEqualTo("Inifiniti product");
    assertThat(
            namer.name(
                "Inifiniti Pro Conair Nano Silver Tourmaline Ceramic Styler, White",
                ReasonLocale.ZH_CN))
        .isEqualTo("Inifiniti 产品");
    assertThat(
            namer.name(
                "Premium Phytoceramide Skin Care Complex Advanced Natural Formula",
                ReasonLocale.EN))
        .isEqualTo("item");
    assertThat(namer.name("Green Magic Hair Growth Cream", ReasonLocale.EN))
        .isEqualTo("Green Magic hair growth cream");
    assertThat(namer.name("Solbar Zinc SPF 38 4 oz.", ReasonLocale.EN)).doesNotEndWith("SPF");
  }

  /**
   * Names as people say them: a type's words in lower case ("the eye cream", not "the Eye Cream"),
   * names that praise ("Best") without the praise, brands and lines as spelled.
   */
  @Test
  void brandlessNamesSayCommonWordsInLowerCaseAndDropPraise() {
    ItemNamer namer =
        ItemNamer.over(java.util.List.of("Jergens Ultra Healing Lotion", "Jergens Body Butter"));
    assertThat(namer.name("Eye Cream for Dark Circles and Puffiness", ReasonLocale.EN))
        .isEqualTo("eye cream");
    assertThat(namer.name("Hair Repair Mask, 8 oz", ReasonLocale.EN)).isEqualTo("hair repair mask");
    assertThat(namer.name("Best Bentonite Clay, 1 lb", ReasonLocale.EN))
        .isEqualTo("bentonite clay");
    assertThat(namer.name("Best Bentonite Clay, 1 lb", ReasonLocale.ZH_CN))
        .isEqualTo("Bentonite Clay");
    assertThat(namer.name("Vitamin C Serum for Face", ReasonLocale.EN))
        .isEqualTo("vitamin C serum");
    // read aloud: "Suggested since you reviewed the VITAMIN C SERUM"
    assertThat(namer.name("VITAMIN C SERUM for Face", ReasonLocale.EN))
        .isEqualTo("vitamin C serum");
    assertThat(namer.name("CLEAR Men Scalp and Hair Conditioner", ReasonLocale.EN))
        .isEqualTo("CLEAR men scalp and hair conditioner");
    assertThat(namer.name("Jergens Body Butter", ReasonLocale.EN)).startsWith("Jergens ");
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
    assertThat(r.share(88, 131, ReasonLocale.EN)).isEqualTo("about two thirds");
    // nearer a less simple fraction: about that one, not nearly the simpler one (60.2%)
    assertThat(r.share(65, 108, ReasonLocale.EN)).isEqualTo("about 3 in 5");
    assertThat(r.share(65, 108, ReasonLocale.ZH_CN)).isEqualTo("约五分之三");
    // fractions people say: 2 in 7 is "nearly 3 in 10", 19 in 66 (28.8%) too
    assertThat(r.share(2, 7, ReasonLocale.EN)).isEqualTo("nearly 3 in 10");
    assertThat(r.share(19, 66, ReasonLocale.EN)).isEqualTo("nearly 3 in 10");
    assertThat(r.share(19, 66, ReasonLocale.ZH_CN)).isEqualTo("将近十分之三");
    assertThat(r.share(30, 100, ReasonLocale.EN)).isEqualTo("3 in 10");
    assertThat(r.share(36, 100, ReasonLocale.EN)).isEqualTo("over a third");
    assertThat(r.share(33, 100, ReasonLocale.EN)).isEqualTo("about a third");
    assertThat(r.share(45, 100, ReasonLocale.EN)).isEqualTo("nearly half");
    assertThat(r.share(50, 100, ReasonLocale.ZH_CN)).isEqualTo("一半");
    assertThat(r.share(5, 400, ReasonLocale.EN)).isEqualTo("1 in 80");
  }

  /** Issue 13: a listing's status and a pick pack's count are not part of an item's name. */
  @Test
  void listingStatusAndPackCountsDoNotReachNames() {
    String old = "[OLD MODEL] Vox AmPlug Bass Guitar Headphone Amp.";
    String gone = "[DISCONTINUED] Vox APJS amPlug Joe Satriani Guitar Headphone Amp.";
    String picks = "Dunlop 474R1.0 Stubby, Red, 1.0mm, 24/Bag.";
    ItemNamer namer =
        ItemNamer.over(
            java.util.List.of(old, gone, picks),
            io.reasonflow.reasons.evidence.ProductTypes.instruments());
    for (ReasonLocale l : ReasonLocale.values()) {
      assertThat(namer.name(old, l)).doesNotContain("OLD").doesNotContain("[");
      assertThat(namer.name(gone, l)).doesNotContain("DISCONTINUED").doesNotContain("[");
    }
    assertThat(namer.name(old, ReasonLocale.EN)).startsWith("Vox").endsWith("amp");
    // "24/Bag" is a count: the picks are no guitar case
    assertThat(namer.type(picks)).isEmpty();
  }
}
