package io.reasonflow.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlEntitiesTest {
  @Test
  void decodesTheReferencesBeautyTitlesCarry() {
    assertThat(
            HtmlEntities.decode("&#9733;SALE!&#9733; Cr&egrave;me Br&ucirc;l&eacute;e &frac12; oz"))
        .isEqualTo("★SALE!★ Crème Brûlée ½ oz");
    assertThat(HtmlEntities.decode("Clinique&#153; &#x263A; &#65288;x&#65289;"))
        .isEqualTo("Clinique™ ☺ （x）");
  }

  @Test
  void leavesWhatIsNotAReferenceAlone() {
    assertThat(HtmlEntities.decode("Toni & Guy; AT&T &bogus; &#0; &#xD800; &"))
        .isEqualTo("Toni & Guy; AT&T &bogus; &#0; &#xD800; &");
    assertThat(HtmlEntities.decode(null)).isNull();
  }

  @Test
  void decodesOnceNotRepeatedly() {
    assertThat(HtmlEntities.decode("&amp;#9733;")).isEqualTo("&#9733;");
  }
}
