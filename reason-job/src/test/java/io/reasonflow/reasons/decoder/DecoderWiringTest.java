package io.reasonflow.reasons.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.reasons.BatchEnvironments;
import io.reasonflow.reasons.ReasonJob;
import io.reasonflow.reasons.ReasonJobResult;
import io.reasonflow.reasons.ReasonJobTest;
import io.reasonflow.reasons.ReasonSettings;
import io.reasonflow.reasons.Recommendation;
import io.reasonflow.reasons.Recommender;
import io.reasonflow.reasons.candidates.BruteForceSimilarity;
import io.reasonflow.reasons.evidence.ProductType;
import io.reasonflow.reasons.realise.SlotRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reasons.realiser = decoder} end to end: the recommender and the Flink job write reasons
 * with the review-trained explainer ({@link TinyExplainers}, trained here in seconds) in both
 * languages, each reason verified, the template's where the explainer's does not verify, and
 * counted; a missing or damaged model is one clear line.
 */
class DecoderWiringTest {
  /** What the recommendations the explainer wrote say wrote them. */
  static final String EXPLAINER = "explainer";

  @TempDir static Path shared;
  @TempDir Path dir;
  static SyntheticWorld world;
  static FeatureLayout layout;
  static Path models;

  @BeforeAll
  static void train() {
    world = new SyntheticWorld(31);
    layout = new FeatureLayout(shared.resolve("features"));
    world.writeTo(layout);
    models = shared.resolve("models");
    TinyExplainers.trainInto(models, world);
  }

  static Config decoderConfig() {
    return Config.defaults()
        .with("reasons.realiser", "decoder")
        .with("reasons.locales", "en,zh-CN")
        .with("reasons.explainer.model-dir", models.toString());
  }

  private static Recommender recommender(Config c) {
    return Recommender.create(
        ReasonSettings.from(c),
        world.catalog,
        world.coViews,
        new BruteForceSimilarity(world.catalog),
        SyntheticWorld.USERS);
  }

  @Test
  void theExplainerWritesVerifiedReasonsInBothLanguagesAndFallbacksAreCounted() {
    Recommender decoder = recommender(decoderConfig());
    assertThat(decoder.realiserName()).isEqualTo(EXPLAINER);
    List<Recommendation> recs =
        decoder.recommend(world.users).stream().flatMap(List::stream).toList();
    List<Recommendation> byExplainer =
        recs.stream().filter(r -> r.realiser().equals(EXPLAINER)).toList();
    long byTemplate = recs.stream().filter(r -> r.realiser().equals("template")).count();
    assertThat(byExplainer).isNotEmpty();
    assertThat(byExplainer.size() + byTemplate).isEqualTo(recs.size());
    // every emitted reason passed the verifier, the explainer's and the fallbacks alike, and the
    // counts are of what was emitted
    assertThat(decoder.rejected()).isZero();
    assertThat(decoder.decoderAccepted()).isEqualTo(byExplainer.size());
    assertThat(decoder.templateFallbacks()).isEqualTo(byTemplate);

    SlotRenderer renderer =
        Recommender.Components.of(
                ReasonSettings.from(decoderConfig()),
                world.catalog,
                world.coViews,
                new BruteForceSimilarity(world.catalog),
                SyntheticWorld.USERS)
            .renderer();
    int namingType = 0;
    for (Recommendation r : byExplainer) {
      // the explainer's sentence follows the verified link and never names the planted brand the
      // mask forbids; where it names the candidate's type (the only claim its evidence backs), the
      // claim was checked as one
      assertThat(r.template()).startsWith(EXPLAINER + ":");
      assertThat(r.reason().toLowerCase()).doesNotContain(TinyExplainers.PLANTED_EN);
      ProductType type = renderer.namer().type(r.title()).orElse(null);
      if (type == null) {
        continue;
      }
      String en = renderer.type(type, io.reasonflow.reasons.realise.ReasonLocale.EN);
      if (r.claims()
          .contains(new io.reasonflow.reasons.realise.Claim.TypeClaim(r.itemId(), type.en(), en))) {
        namingType++;
      }
    }
    assertThat(namingType).isPositive();
    Set<String> zhWriters =
        recs.stream()
            .map(r -> r.otherLocales().get("zh-CN"))
            .filter(l -> l != null)
            .map(Recommendation.InLocale::realiser)
            .collect(Collectors.toSet());
    assertThat(zhWriters).contains(EXPLAINER);
    recs.stream()
        .map(r -> r.otherLocales().get("zh-CN"))
        .filter(l -> l != null && l.realiser().equals(EXPLAINER))
        .forEach(l -> assertThat(l.reason()).doesNotContain(TinyExplainers.PLANTED_ZH));
  }

  @Test
  void theFlinkJobWritesWithTheExplainerAndReportsItsCounts() {
    ReasonJobResult result =
        ReasonJob.run(
            BatchEnvironments.local(2), decoderConfig(), layout, dir.resolve("out"), null);
    List<JsonNode> lines = ReasonJobTest.byShopperAndRank(result.recommendationsFile());
    assertThat(result.realiser()).isEqualTo("decoder");
    assertThat(result.rejectedReasons()).isZero();
    long explained =
        lines.stream().filter(n -> n.get("realiser").asText().equals(EXPLAINER)).count();
    assertThat(explained).isPositive().isEqualTo(result.decoderAccepted());
    assertThat(result.decoderAccepted() + result.templateFallbacks())
        .isEqualTo(result.recommendations())
        .isEqualTo(lines.size());
    assertThat(
            lines.stream()
                .filter(n -> n.get("realiser").asText().equals(EXPLAINER))
                .map(n -> n.get("reason").asText().toLowerCase()))
        .noneMatch(s -> s.contains(TinyExplainers.PLANTED_EN));
  }

  @Test
  void aMissingOrDamagedExplainerIsOneLineNamingTheKey() throws Exception {
    Config unset = Config.defaults().with("reasons.realiser", "decoder");
    assertThatThrownBy(() -> recommender(unset))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("reasons.explainer.model-dir")
        .hasMessageContaining("./reasonflow train-explainer");

    Path empty = dir.resolve("no-models");
    assertThatThrownBy(
            () -> recommender(unset.with("reasons.explainer.model-dir", empty.toString())))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("reasons.explainer.model-dir = " + empty)
        .hasMessageContaining("explainer.en.zip");

    // the en model is there and readable, the zh-CN network is not a zip
    Path damaged = dir.resolve("damaged");
    Files.createDirectories(damaged);
    for (String f : List.of("explainer.en.zip", "explainer.en.json", "explainer.zh-CN.json")) {
      Files.copy(models.resolve(f), damaged.resolve(f));
    }
    Files.writeString(damaged.resolve("explainer.zh-CN.zip"), "not a zip");
    Config bad = decoderConfig().with("reasons.explainer.model-dir", damaged.toString());
    assertThatThrownBy(() -> recommender(bad))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("explainer.zh-CN.zip")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(
            () -> ReasonJob.run(BatchEnvironments.local(), bad, layout, dir.resolve("o"), null))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("explainer.zh-CN.zip");

    assertThatThrownBy(() -> recommender(Config.defaults().with("reasons.realiser", "neural")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("reasons.realiser");
  }
}
