package io.reasonflow.reasons.aspects;

/**
 * One review with text: the provenance an aspect count points back to.
 *
 * @param id {@code userId/itemId}, stable across runs
 */
public record Review(String id, String userId, String itemId, String text) {
  public static Review of(String userId, String itemId, String text) {
    return new Review(userId + "/" + itemId, userId, itemId, text);
  }
}
