package io.reasonflow.index.search;

/**
 * A vector hit without its stored item, for callers that hold the items already.
 *
 * @param itemId the item
 * @param score cosine similarity to the query (-1..1)
 */
public record ItemScore(String itemId, float score) {}
