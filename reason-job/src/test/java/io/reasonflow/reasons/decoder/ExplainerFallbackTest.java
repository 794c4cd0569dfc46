package io.reasonflow.reasons.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.config.Config;
import io.reasonflow.reasons.ReasonSettings;
import io.reasonflow.reasons.Recommendation;
import io.reasonflow.reasons.Recommender;
import io.reasonflow.reasons.candidates.BruteForceSimilarity;
import io.reasonflow.reasons.explain.ExplainerRealiser;
import io.reasonflow.reasons.explain.decoder.ExplainerModel;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A claim the evidence does not back, forced through: the tiny explainer plants a brand in every
 * sentence ({@link TinyExplainers}); decoding unconstrained lets it through the mask, so only the
 * reason job's verifier stands between it and the shopper. Every such sentence must be turned down
 * and counted, and the candidate explained by the template instead, counted as a fallback.
 */
class ExplainerFallbackTest {
  @TempDir Path dir;

  @Test
  void anUnsupportedClaimIsCaughtByTheVerifierAndFallsBackToTheTemplateCounted() {
    SyntheticWorld world = new SyntheticWorld(31);
    TinyExplainers.trainInto(dir, world);
    Config config = Config.defaults().with("reasons.top-k", "3");
    var similar = new BruteForceSimilarity(world.catalog);
    var c =
        Recommender.Components.of(
            ReasonSettings.from(config),
            world.catalog,
            world.coViews,
            similar,
            SyntheticWorld.USERS);
    Map<ReasonLocale, ExplainerModel> models =
        Map.of(ReasonLocale.EN, ExplainerModel.load(dir, ReasonLocale.EN, true));

    Recommender unconstrained = recommender(c, realiser(models, c, similar, world, false));
    List<Recommendation> recs =
        unconstrained.recommend(world.users).stream().flatMap(List::stream).toList();
    assertThat(recs).isNotEmpty();
    // the planted brand reached no shopper: each sentence carrying it was rejected and counted,
    // and its candidate got the template's reason, counted as a fallback
    assertThat(recs)
        .allSatisfy(
            r -> assertThat(r.reason().toLowerCase()).doesNotContain(TinyExplainers.PLANTED_EN));
    assertThat(unconstrained.rejectedBeams()).isPositive();
    assertThat(unconstrained.templateFallbacks()).isPositive();
    assertThat(unconstrained.decoderAccepted() + unconstrained.templateFallbacks())
        .isEqualTo(recs.size());
    assertThat(unconstrained.rejected()).isZero();

    // the same model constrained writes around the brand, and its sentences verify
    Recommender constrained = recommender(c, realiser(models, c, similar, world, true));
    constrained.recommend(world.users);
    assertThat(constrained.decoderAccepted()).isPositive();
    assertThat(constrained.rejectedBeams()).isLessThan(unconstrained.rejectedBeams());
  }

  private static ExplainerRealiser realiser(
      Map<ReasonLocale, ExplainerModel> models,
      Recommender.Components c,
      BruteForceSimilarity similar,
      SyntheticWorld world,
      boolean constrained) {
    return new ExplainerRealiser(
        models,
        world.catalog,
        similar,
        c.renderer(),
        c.template(),
        c.verifier(),
        null,
        c.minShoppers(),
        false,
        constrained);
  }

  private static Recommender recommender(Recommender.Components c, ExplainerRealiser realiser) {
    return new Recommender(
        c.catalog(),
        c.candidates(),
        c.evidence(),
        realiser,
        c.verifier(),
        c.locale(),
        c.topK(),
        c.requireFigure());
  }
}
