package io.reasonflow.features.stream;

import org.apache.flink.api.java.functions.KeySelector;

/** Keys a stream of ids (items, co-view pair keys) by the id itself. */
public final class SelfKey implements KeySelector<String, String> {
  private static final long serialVersionUID = 1L;

  @Override
  public String getKey(String id) {
    return id;
  }
}
