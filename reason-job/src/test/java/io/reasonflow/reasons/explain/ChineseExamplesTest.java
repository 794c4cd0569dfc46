package io.reasonflow.reasons.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reasonflow.reasons.SharedData;
import io.reasonflow.reasons.explain.ExplanationExample.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Chinese examples built from the real zh-shopping-reviews data. Skipped without the data. */
class ChineseExamplesTest {
  static ExplanationDataset data;

  @BeforeAll
  static void build() {
    Path dir = SharedData.dir().resolve("zh-shopping-reviews");
    assumeTrue(Files.isRegularFile(dir.resolve("reviews.tsv.gz")), "no data at " + dir);
    data = ChineseExampleBuilder.read(dir, ReviewSplit.DEFAULT_SEED, System.out::println);
  }

  @Test
  void heldOutReviewsChangeNoInput() {
    // the lexicon and the category aspects must come from training reviews alone
    List<SourceReview> train =
        DataFiles.chineseReviews(SharedData.dir().resolve("zh-shopping-reviews/reviews.tsv.gz"))
            .rows()
            .stream()
            .filter(r -> ReviewSplit.of(r.reviewId(), ReviewSplit.DEFAULT_SEED) == Split.TRAIN)
            .toList();
    ExplanationDataset trainOnly =
        ChineseExampleBuilder.build(train, ReviewSplit.DEFAULT_SEED, s -> {});
    assertThat(trainOnly.examples()).isEqualTo(data.examples(Split.TRAIN));
    assertThat(trainOnly.itemAspects()).isEqualTo(data.itemAspects());
  }

  @Test
  void printsSizesAndSplits() {
    Map<Split, Integer> n = new EnumMap<>(Split.class);
    data.examples().forEach(e -> n.merge(e.split(), 1, Integer::sum));
    System.out.println("examples by split: " + n + ", features: " + data.featureSet().size());
    System.out.println("aspects: " + data.vocabulary().aspects());
    data.itemAspects()
        .forEach((k, v) -> System.out.println(k + ": " + v.stream().limit(12).toList()));
    data.examples().stream()
        .limit(30)
        .forEach(e -> System.out.println(e.sentence() + "  " + e.features() + " " + e.opinions()));
    assertThat(n.get(Split.TRAIN)).isGreaterThan(5 * n.get(Split.TEST));
  }
}
