package io.reasonflow.features.stream;

import org.apache.flink.api.java.functions.KeySelector;

/** Partitions events by shopper: sessions, de-duplication and profiles are per shopper. */
public final class StreamUserKey implements KeySelector<StreamEvent, String> {
  private static final long serialVersionUID = 1L;

  @Override
  public String getKey(StreamEvent e) {
    return e.event().userId();
  }
}
