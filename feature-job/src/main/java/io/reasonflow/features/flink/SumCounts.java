package io.reasonflow.features.flink;

import org.apache.flink.api.common.functions.ReduceFunction;

/** Adds the counts of two facts with the same {@link ItemFact#sumKey()}. */
public final class SumCounts implements ReduceFunction<ItemFact> {
  private static final long serialVersionUID = 1L;

  @Override
  public ItemFact reduce(ItemFact a, ItemFact b) {
    return new ItemFact(a.kind(), a.key(), a.count() + b.count(), null);
  }
}
