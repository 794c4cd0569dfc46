package io.reasonflow.features.sinks;

import io.reasonflow.common.model.ItemFeatures;

/** Items are keyed by item id. */
public final class ItemFeaturesKey implements RecordKey<ItemFeatures> {
  private static final long serialVersionUID = 1L;

  @Override
  public String key(ItemFeatures f) {
    return f.id();
  }
}
