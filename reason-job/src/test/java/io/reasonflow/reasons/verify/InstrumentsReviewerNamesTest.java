package io.reasonflow.reasons.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reasonflow.common.io.EventSchema;
import io.reasonflow.common.io.ItemFileReader;
import io.reasonflow.common.io.TimestampUnit;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.Item;
import io.reasonflow.reasons.SharedData;
import io.reasonflow.reasons.aspects.ReviewAspects;
import io.reasonflow.reasons.aspects.ReviewerTypes;
import io.reasonflow.reasons.evidence.ProductType;
import io.reasonflow.reasons.evidence.ProductTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * On the whole Instruments data: how many of the names from reviews that {@link ReviewerTypes}
 * gives untitled items the verifier's own recount ({@link ReviewerNameCheck}) accepts, by type.
 * Skipped without the shared data. Figures for docs/benchmarks.md.
 */
class InstrumentsReviewerNamesTest {

  @Test
  void mostNamesFromReviewsPassTheVerifiersRecount() {
    Path reviewsFile = SharedData.file("amazon-instruments-2014/reviews.jsonl.gz");
    Path items = SharedData.file("amazon-instruments-2014/items.tsv.gz");
    assumeTrue(Files.isRegularFile(reviewsFile) && Files.isRegularFile(items), "no shared data");
    ReviewAspects reviews =
        ReviewAspects.read(
            reviewsFile,
            new EventSchema(
                "reviewerID",
                "asin",
                "unixReviewTime",
                null,
                null,
                TimestampUnit.SECONDS,
                EventType.REVIEW,
                "summary,reviewText"),
            ReviewAspects.DEFAULT_MIN_REVIEWS);
    Set<String> titled = new HashSet<>();
    new ItemFileReader().read(items, (Item i) -> titled.add(i.id()), d -> {});
    List<String> untitled = new ArrayList<>();
    reviews.reviews().stream()
        .map(r -> r.itemId())
        .distinct()
        .filter(id -> !titled.contains(id))
        .forEach(untitled::add);
    Map<String, ProductType> said = ReviewerTypes.of(reviews, ProductTypes.instruments(), untitled);
    ReviewerNameCheck check = new ReviewerNameCheck(reviews, ReviewerTypes.MIN_REVIEWERS);
    Map<String, int[]> byType = new TreeMap<>();
    int passed = 0;
    for (var e : said.entrySet()) {
      boolean ok = check.check(e.getKey(), e.getValue()) == null;
      passed += ok ? 1 : 0;
      int[] n = byType.computeIfAbsent(e.getValue().en(), k -> new int[2]);
      n[ok ? 0 : 1]++;
    }
    System.out.printf(
        "names from reviews: %d untitled items, %d named, %d pass the verifier's recount%n",
        untitled.size(), said.size(), passed);
    byType.forEach((t, n) -> System.out.printf("  %s: %d pass, %d fail%n", t, n[0], n[1]));
    assertThat(passed).isGreaterThanOrEqualTo(said.size() * 3 / 4);
  }
}
