package io.reasonflow.features.stream;

import org.apache.flink.api.common.functions.MapFunction;

/** Wraps a model for the item subtasks' broadcast input. */
public final class ModelBroadcast implements MapFunction<ItemModel, ItemBroadcast> {
  private static final long serialVersionUID = 1L;

  @Override
  public ItemBroadcast map(ItemModel m) {
    return ItemBroadcast.of(m);
  }
}
