package io.reasonflow.features.stream;

import java.io.Serializable;
import java.util.List;

/**
 * One closed session as an item2vec training sequence, for {@link RetrainItemModel}'s rolling
 * corpus.
 *
 * @param user the shopper
 * @param start the session's first event time (with {@code user}, identifies the session)
 * @param items the session's items as {@link io.reasonflow.features.core.UserHistory#sequences}
 *     gives them for the configured sequence mode
 */
public record SessionItems(String user, long start, List<String> items) implements Serializable {}
