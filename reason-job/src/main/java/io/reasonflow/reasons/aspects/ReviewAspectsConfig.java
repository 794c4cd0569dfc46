package io.reasonflow.reasons.aspects;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.config.EventSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The review aspects {@code reasons.aspects.*} name, read once per recommender. */
public final class ReviewAspectsConfig {
  private ReviewAspectsConfig() {}

  /** Empty when {@code reasons.aspects.reviews} is empty (the data has no review text). */
  public static Optional<ReviewAspects> read(Config config) {
    String reviews = config.optionalString("reasons.aspects.reviews");
    if (reviews == null) {
      return Optional.empty();
    }
    Path path = Path.of(reviews);
    if (!Files.exists(path)) {
      throw config.bad(
          "reasons.aspects.reviews",
          "names no file or directory; point it at events with a review-text column, or leave it"
              + " empty");
    }
    if (EventSchemas.from(config).textField() == null) {
      throw config.bad(
          "input.columns.text", "is empty, so reasons.aspects.reviews has no text to read");
    }
    return Optional.of(
        ReviewAspects.read(
            path,
            EventSchemas.from(config),
            config.integer("reasons.aspects.min-reviews", 1, 1_000_000)));
  }
}
