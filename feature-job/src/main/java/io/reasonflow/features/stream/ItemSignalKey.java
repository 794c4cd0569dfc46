package io.reasonflow.features.stream;

import org.apache.flink.api.java.functions.KeySelector;

/** Routes a signal to the item it is about. */
public final class ItemSignalKey implements KeySelector<ItemSignal, String> {
  private static final long serialVersionUID = 1L;

  @Override
  public String getKey(ItemSignal s) {
    return s.item();
  }
}
