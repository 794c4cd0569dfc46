package io.reasonflow.reasons.realise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The small text helpers of the realiser. */
class SmallRealiseTest {

  @Test
  void titlesAreShortenedToTheProductName() {
    assertThat(TitleShortener.shorten("OPI Nail Lacquer, Big Apple Red, 0.5 Fluid Ounce")).isEqualTo("OPI Nail Lacquer");
    assertThat(TitleShortener.shorten("OPI Nail Lacquer - Pompeii Purple")).isEqualTo("OPI Nail Lacquer");
    assertThat(TitleShortener.shorten("Crabtree  and  Evelyn 2792 Gardeners Hand Therapy (100ml, 3.4 oz)"))
        .isEqualTo("Crabtree and Evelyn 2792 Gardeners Hand");
    assertThat(TitleShortener.shorten("Stella McCartney Stella")).isEqualTo("Stella McCartney Stella");
    assertThat(TitleShortener.shorten("(Pack of 2) Soap")).isEqualTo("(Pack of 2) Soap"); // no head: keep it
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
    assertThat(r.share(8, true, ReasonLocale.EN)).isEqualTo("1 in 8");
    assertThat(r.share(8, false, ReasonLocale.EN)).isEqualTo("about 1 in 8");
    assertThat(r.share(8, false, ReasonLocale.ZH_CN)).isEqualTo("约八分之一");
    assertThat(r.share(1, true, ReasonLocale.ZH_CN)).isEqualTo("全部");
  }
}
