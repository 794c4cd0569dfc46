package io.reasonflow.reasons.explain;

import java.util.Objects;

/**
 * One review as read from a data set, before it is cut into example sentences.
 *
 * @param reviewId stable id: {@code userId/itemId} for Amazon data, the line number for data
 *     without shoppers
 * @param userId the shopper, or "" when the data has none
 * @param itemId the item, or the category for data without items
 * @param rating stars 1-5 (0 unknown)
 * @param time epoch seconds, 0 when unknown; orders a shopper's anchors
 * @param text the review body
 */
public record SourceReview(
    String reviewId, String userId, String itemId, int rating, long time, String text) {
  public SourceReview {
    Objects.requireNonNull(reviewId, "reviewId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(text, "text");
  }
}
