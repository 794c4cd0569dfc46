package io.reasonflow.index.search;

import io.reasonflow.common.model.ItemFeatures;

/**
 * One result.
 *
 * @param itemId the item
 * @param score for vector queries the cosine similarity to the query (-1..1); for text search the
 *     reciprocal rank fusion score (higher is better, comparable only within one result list)
 * @param item the item's stored features
 * @param matchedBy why it matched: {@code vector}, {@code title}, or {@code title+vector}
 */
public record SearchHit(String itemId, float score, ItemFeatures item, String matchedBy) {
  public static final String VECTOR = "vector";
  public static final String TITLE = "title";
  public static final String TITLE_AND_VECTOR = "title+vector";
}
