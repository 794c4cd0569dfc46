package io.reasonflow.features.stream;

import org.apache.flink.api.java.functions.KeySelector;

/** Routes closed sessions to their shopper's profile. */
public final class SessionEventsKey implements KeySelector<SessionEvents, String> {
  private static final long serialVersionUID = 1L;

  @Override
  public String getKey(SessionEvents s) {
    return s.user();
  }
}
