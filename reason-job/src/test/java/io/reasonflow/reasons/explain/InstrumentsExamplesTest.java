package io.reasonflow.reasons.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reasonflow.reasons.SharedData;
import io.reasonflow.reasons.explain.ExplanationExample.Role;
import io.reasonflow.reasons.explain.ExplanationExample.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The English examples built from the real Instruments reviews (../shared/data): sizes, the split
 * and the no-leakage rules. Skipped without the data.
 */
class InstrumentsExamplesTest {
  static ExplanationDataset data;

  @BeforeAll
  static void build() {
    Path dir = SharedData.dir().resolve("amazon-instruments-2014");
    assumeTrue(Files.isRegularFile(dir.resolve("reviews.jsonl.gz")), "no data at " + dir);
    data = EnglishExampleBuilder.read(dir, ReviewSplit.DEFAULT_SEED, System.out::println);
  }

  @Test
  void printsSizesAndSplits() {
    Map<Split, Integer> n = new EnumMap<>(Split.class);
    data.examples().forEach(e -> n.merge(e.split(), 1, Integer::sum));
    System.out.println("examples by split: " + n + ", features: " + data.featureSet().size());
    data.examples().stream().limit(8).forEach(System.out::println);
    assertThat(n.get(Split.TRAIN)).isGreaterThan(5 * n.get(Split.TEST));
    assertThat(n.get(Split.TEST)).isPositive();
  }

  @Test
  void heldOutReviewsChangeNoInput() {
    // build again from the training reviews alone: if any input (lexicon, item aspects, product
    // types, neighbours, anchors) had read a held-out review, some training example would differ
    Path dir = SharedData.dir().resolve("amazon-instruments-2014");
    List<SourceReview> train =
        DataFiles.amazonReviews(dir.resolve("reviews.jsonl.gz")).rows().stream()
            .filter(r -> ReviewSplit.of(r.reviewId(), ReviewSplit.DEFAULT_SEED) == Split.TRAIN)
            .toList();
    ExplanationDataset trainOnly =
        EnglishExampleBuilder.build(
            train,
            DataFiles.catalogue(dir.resolve("items.tsv.gz")),
            ReviewSplit.DEFAULT_SEED,
            s -> {});
    assertThat(trainOnly.examples()).isEqualTo(data.examples(Split.TRAIN));
    trainOnly.itemAspects().forEach((item, a) -> assertThat(data.itemAspects(item)).isEqualTo(a));
    assertThat(trainOnly.vocabulary().aspects()).isEqualTo(data.vocabulary().aspects());
  }

  @Test
  void anchorsAreTheShoppersTrainingItemsOnly() {
    Map<String, Set<String>> trainItems =
        data.examples(Split.TRAIN).stream()
            .collect(
                Collectors.groupingBy(
                    ExplanationExample::userId,
                    Collectors.mapping(ExplanationExample::itemId, Collectors.toSet())));
    for (ExplanationExample e : data.examples(Split.TEST)) {
      for (var nb : e.neighbours()) {
        if (nb.role() == Role.SHOPPER_ANCHOR) {
          assertThat(nb.itemId()).isNotEqualTo(e.itemId());
          // a training review with no example sentence can still be an anchor, so only items
          // of held-out reviews of this shopper would be a leak
          assertThat(
                  data.examples(Split.TEST).stream()
                      .filter(x -> x.userId().equals(e.userId()))
                      .map(ExplanationExample::itemId)
                      .filter(i -> !trainItems.getOrDefault(e.userId(), Set.of()).contains(i))
                      .toList())
              .doesNotContain(nb.itemId());
        }
      }
    }
  }
}
