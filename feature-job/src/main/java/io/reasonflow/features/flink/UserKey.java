package io.reasonflow.features.flink;

import io.reasonflow.common.model.Event;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys events by shopper. */
public final class UserKey implements KeySelector<Event, String> {
  private static final long serialVersionUID = 1L;

  @Override
  public String getKey(Event e) {
    return e.userId();
  }
}
