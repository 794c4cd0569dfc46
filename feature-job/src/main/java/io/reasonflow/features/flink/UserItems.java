package io.reasonflow.features.flink;

import io.reasonflow.features.core.UserHistory;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Each distinct item of a shopper once with count 1, to be summed into the item's shopper count.
 */
public final class UserItems implements FlatMapFunction<UserHistory, ItemFact> {
  private static final long serialVersionUID = 1L;

  @Override
  public void flatMap(UserHistory h, Collector<ItemFact> out) {
    for (String item : h.distinctItems()) {
      out.collect(ItemFact.shoppers(item, 1));
    }
  }
}
