package io.reasonflow.common.model;

import java.io.Serializable;

/**
 * A co-view neighbour of an item: how many distinct shoppers had both items in one session, and how
 * related the pair is once popularity is taken out.
 *
 * @param itemId the neighbour
 * @param count distinct shoppers who had both items in one session (the raw figure reasons quote)
 * @param score popularity-corrected relatedness, {@code count / sqrt(users(a) * users(b))} (cosine
 *     over shoppers)
 */
public record CoView(String itemId, int count, double score) implements Serializable {}
