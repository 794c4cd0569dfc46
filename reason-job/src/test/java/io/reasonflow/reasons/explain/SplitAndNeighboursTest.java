package io.reasonflow.reasons.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.reasons.explain.ExplanationExample.Split;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitAndNeighboursTest {
  @Test
  void splitIsEightyTenTenByIdAndSeedOnly() {
    Map<Split, Integer> n = new EnumMap<>(Split.class);
    for (int i = 0; i < 10_000; i++) {
      n.merge(ReviewSplit.of("user" + i + "/item" + (i % 97), 14), 1, Integer::sum);
    }
    assertThat(n.get(Split.TRAIN)).isBetween(7_800, 8_200);
    assertThat(n.get(Split.VALIDATION)).isBetween(900, 1_100);
    assertThat(n.get(Split.TEST)).isBetween(900, 1_100);
    assertThat(ReviewSplit.of("A/B", 14)).isEqualTo(ReviewSplit.of("A/B", 14));
    int moved = 0;
    for (int i = 0; i < 1_000; i++) {
      if (ReviewSplit.of("r" + i, 14) != ReviewSplit.of("r" + i, 15)) {
        moved++;
      }
    }
    assertThat(moved).as("another seed draws another split").isGreaterThan(100);
  }

  static SourceReview r(String user, String item) {
    return new SourceReview(user + "/" + item, user, item, 5, 0, "");
  }

  @Test
  void coReviewNeighboursAreMostSharedShoppersFirstTiesById() {
    // A-B shared by u1,u2; A-C by u1; A-D by u3
    CoReviewNeighbours n =
        CoReviewNeighbours.of(
            List.of(
                r("u1", "A"),
                r("u1", "B"),
                r("u1", "C"),
                r("u2", "A"),
                r("u2", "B"),
                r("u3", "A"),
                r("u3", "D")),
            2);
    assertThat(n.of("A")).containsExactly("B", "C");
    assertThat(n.of("D")).containsExactly("A");
    assertThat(n.of("Z")).isEmpty();
  }
}
