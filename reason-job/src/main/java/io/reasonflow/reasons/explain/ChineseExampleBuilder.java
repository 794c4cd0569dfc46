package io.reasonflow.reasons.explain;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Chinese explanation examples from the zh-shopping-reviews data (work in progress). */
public final class ChineseExampleBuilder {
  private ChineseExampleBuilder() {}

  /** Reads {@code dir/reviews.tsv.gz} and builds the examples. */
  public static ExplanationDataset read(Path dir, long seed, Consumer<String> progress) {
    DataFiles.Read<SourceReview> reviews = DataFiles.chineseReviews(dir.resolve("reviews.tsv.gz"));
    return build(reviews.rows(), seed, progress);
  }

  public static ExplanationDataset build(
      List<SourceReview> reviews, long seed, Consumer<String> progress) {
    throw new UnsupportedOperationException("not yet");
  }
}
