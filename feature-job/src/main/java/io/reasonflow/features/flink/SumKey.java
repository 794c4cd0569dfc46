package io.reasonflow.features.flink;

import org.apache.flink.api.java.functions.KeySelector;

/** Keys facts by {@link ItemFact#sumKey()}. */
public final class SumKey implements KeySelector<ItemFact, String> {
  private static final long serialVersionUID = 1L;

  @Override
  public String getKey(ItemFact f) {
    return f.sumKey();
  }
}
