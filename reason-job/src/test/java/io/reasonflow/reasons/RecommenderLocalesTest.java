package io.reasonflow.reasons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import io.reasonflow.reasons.candidates.BruteForceSimilarity;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reasons.locales}: every recommendation's reason in each further language, verified in that
 * language.
 */
class RecommenderLocalesTest {
  @TempDir Path dir;

  @Test
  void eachRecommendationCarriesItsReasonInEveryConfiguredLanguage() {
    TinyFeatures f = new TinyFeatures(dir);
    Recommender one =
        Recommender.create(
            ReasonSettings.from(f.config.with("reasons.require-figure", "false")),
            f.catalog,
            f.coViews,
            new BruteForceSimilarity(f.catalog),
            TinyFeatures.TOTAL_SHOPPERS);
    Recommender both =
        Recommender.create(
            ReasonSettings.from(
                f.config
                    .with("reasons.require-figure", "false")
                    .with("reasons.locales", "en, zh-CN")),
            f.catalog,
            f.coViews,
            new BruteForceSimilarity(f.catalog),
            TinyFeatures.TOTAL_SHOPPERS);
    List<Recommendation> en = one.recommend(f.u1);
    List<Recommendation> recs = both.recommend(f.u1);
    assertThat(recs).isNotEmpty();
    // the primary language decides what is recommended: the same items and English reasons as
    // without the key
    assertThat(recs)
        .extracting(Recommendation::itemId)
        .isEqualTo(en.stream().map(Recommendation::itemId).toList());
    assertThat(recs)
        .extracting(Recommendation::reason)
        .isEqualTo(en.stream().map(Recommendation::reason).toList());
    assertThat(en).allSatisfy(r -> assertThat(r.otherLocales()).isEmpty());
    for (Recommendation r : recs) {
      assertThat(r.locale()).isEqualTo("en");
      assertThat(r.otherLocales()).containsOnlyKeys("zh-CN");
      Recommendation.InLocale zh = r.otherLocales().get("zh-CN");
      assertThat(zh.reason()).isNotEqualTo(r.reason()).matches(".*\\p{IsHan}.*");
      assertThat(zh.claims()).hasSameSizeAs(r.claims());
    }
    assertThat(both.otherLocaleRejected()).isZero();
  }

  @Test
  void theKeyIsCheckedAndThePrimaryLanguageIsNotRepeated() {
    TinyFeatures f = new TinyFeatures(dir);
    assertThat(
            ReasonSettings.from(
                    f.config.with("reasons.locale", "en").with("reasons.locales", "zh-CN,en,zh-cn"))
                .otherLocales())
        .containsExactly(ReasonLocale.ZH_CN);
    assertThat(ReasonSettings.from(f.config.with("reasons.locale", "en")).otherLocales()).isEmpty();
    assertThatThrownBy(
            () ->
                ReasonSettings.from(
                    f.config.with("reasons.locale", "en").with("reasons.locales", "en,fr")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("reasons.locales")
        .hasMessageContaining("'fr'");
  }
}
