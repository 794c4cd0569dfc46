package io.reasonflow.features.flink;

import io.reasonflow.features.core.CoViews;
import io.reasonflow.features.core.UserHistory;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * A shopper's co-view pairs, each once with count 1 (see {@link CoViews}), to be summed per pair.
 */
public final class UserPairs implements FlatMapFunction<UserHistory, ItemFact> {
  private static final long serialVersionUID = 1L;

  @Override
  public void flatMap(UserHistory h, Collector<ItemFact> out) {
    for (String pair : CoViews.userPairs(h)) {
      out.collect(ItemFact.pair(pair, 1));
    }
  }
}
