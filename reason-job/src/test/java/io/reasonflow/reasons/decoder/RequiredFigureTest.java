package io.reasonflow.reasons.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.reasons.ReasonSettings;
import io.reasonflow.reasons.Recommendation;
import io.reasonflow.reasons.Recommender;
import io.reasonflow.reasons.candidates.BruteForceSimilarity;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.realise.Claim;
import io.reasonflow.reasons.realise.RealisedReason;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code reasons.require-figure}: the recommender skips a candidate none of whose anchors has a
 * quotable co-view count without writing its reasons, on the premise that the templates write a
 * figure claim only from such a count. This checks that premise on every shopper x item of the
 * synthetic world (a quarter of its shoppers), and that the lists still quote a figure in every
 * reason.
 */
class RequiredFigureTest {
  private final SyntheticWorld world = new SyntheticWorld(17);

  @Test
  void noTemplateQuotesACoViewFigureWhenNoAnchorHasOne() {
    int figureless = 0;
    int withFigure = 0;
    // a quarter of the shoppers: every item against each is enough for both sides below
    List<ItemFeatures> items = new java.util.ArrayList<>();
    world.catalog.forEach(items::add);
    for (UserProfile p : world.users.subList(0, SyntheticWorld.USERS / 4)) {
      for (ItemFeatures item : items) {
        Evidence e = world.evidence.build(p, item.id());
        if (e.anchors().isEmpty()) {
          continue;
        }
        boolean noCount = e.anchors().stream().allMatch(a -> a.coViews() == null);
        for (ReasonLocale locale : List.of(ReasonLocale.EN, ReasonLocale.ZH_CN)) {
          List<RealisedReason> options = world.template.options(e, locale);
          boolean quotes =
              options.stream()
                  .flatMap(r -> r.claims().stream())
                  .anyMatch(Claim.CoViewCountClaim.class::isInstance);
          if (noCount) {
            assertThat(quotes).as("a figure claim for %s without a count", e).isFalse();
          } else if (quotes) {
            withFigure++;
          }
        }
        figureless += noCount ? 1 : 0;
      }
    }
    // neither side of the premise is vacuous in this world
    assertThat(figureless).isGreaterThan(50);
    assertThat(withFigure).isGreaterThan(50);
  }

  @Test
  void withAFigureRequiredEveryReasonQuotesOne() {
    Recommender r =
        Recommender.create(
            ReasonSettings.from(Config.defaults().with("reasons.require-figure", "true")),
            world.catalog,
            world.coViews,
            new BruteForceSimilarity(world.catalog),
            SyntheticWorld.USERS);
    List<Recommendation> recs = r.recommend(world.users).stream().flatMap(List::stream).toList();
    assertThat(recs)
        .isNotEmpty()
        .allSatisfy(
            rec -> assertThat(rec.claims()).anyMatch(Claim.CoViewCountClaim.class::isInstance));
  }
}
