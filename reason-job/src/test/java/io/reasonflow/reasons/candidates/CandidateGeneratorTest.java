package io.reasonflow.reasons.candidates;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.CoView;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.reasons.evidence.ItemCatalog;
import io.reasonflow.reasons.evidence.PopularityScale;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidateGeneratorTest {

  @Test
  void mmrTradesRelevanceForDiversity() {
    // x .9 and y .85 are near-duplicates (sim .95); z .6 is different (sim 0). pick 1: x (lambda *
    // 1). pick 2 at lambda .5: y = .5*.944 - .5*.95 = -.003, z = .5*.667 - 0 = .333 -> z
    List<Candidate> scored =
        List.of(
            new Candidate("x", .9, List.of()),
            new Candidate("y", .85, List.of()),
            new Candidate("z", .6, List.of()));
    Map<String, Double> sim = Map.of("xy", .95, "yx", .95);
    var similarity =
        (java.util.function.ToDoubleBiFunction<String, String>)
            (a, b) -> sim.getOrDefault(a + b, 0.0);
    assertThat(Mmr.select(scored, 2, 0.5, similarity))
        .extracting(Candidate::itemId)
        .containsExactly("x", "z");
    assertThat(Mmr.select(scored, 2, 1.0, similarity))
        .extracting(Candidate::itemId)
        .containsExactly("x", "y");
  }

  /**
   * Anchor A (newest, weight 1) co-views B (score .5) and C (score .2); A's vector is (1,0); B
   * (.6,.8), C (1,0) and seen S (1,0). Scores with k=2 vector neighbours of A (S excluded as seen):
   * B .5 + .6 = 1.1, C .2 + 1 = 1.2.
   */
  @Test
  void neighboursOfRecentItemsAreScoredSeenItemsExcludedAndLongTailBoosted() {
    ItemCatalog catalog =
        ItemCatalog.of(
            List.of(
                item(
                    "A",
                    50,
                    List.of(
                        new CoView("B", 10, .5), new CoView("C", 5, .2), new CoView("S", 9, .9)),
                    1,
                    0),
                item("B", 10, List.of(), .6f, .8f),
                item("C", 100, List.of(), 1, 0),
                item("S", 10, List.of(), 1, 0)));
    UserProfile u =
        new UserProfile(
            "u",
            new float[2],
            1,
            List.of(new Anchor("A", EventType.VIEW, 1)),
            List.of("A", "S"),
            1,
            1);
    PopularityScale scale = new PopularityScale(new int[] {50, 10, 100, 10}, 0.95, 0.5);

    List<Candidate> plain =
        new CandidateGenerator(
                catalog,
                new BruteForceSimilarity(catalog),
                scale,
                new CandidateSettings(2, 5, 2, 1.0, 0))
            .generate(u);
    assertThat(plain).extracting(Candidate::itemId).containsExactly("C", "B");
    assertThat(plain.get(0).score()).isCloseTo(1.2, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(plain.get(0).via()).containsExactly("coview:A", "similar:A");

    // boost 1: B (percentile 0) x2 = 2.2; C (percentile .75) x1.25 = 1.5 -> B first
    List<Candidate> boosted =
        new CandidateGenerator(
                catalog,
                new BruteForceSimilarity(catalog),
                scale,
                new CandidateSettings(2, 5, 2, 1.0, 1.0))
            .generate(u);
    assertThat(boosted).extracting(Candidate::itemId).containsExactly("B", "C");
  }

  private static ItemFeatures item(String id, int shoppers, List<CoView> coViews, float... v) {
    return new ItemFeatures(
        Item.ofTitle(id, "item " + id),
        v,
        1,
        ItemFeatures.VectorSource.BEHAVIOUR,
        shoppers,
        coViews);
  }
}
