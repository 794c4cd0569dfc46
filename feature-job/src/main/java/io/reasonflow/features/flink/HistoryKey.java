package io.reasonflow.features.flink;

import io.reasonflow.features.core.UserHistory;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys histories by shopper. */
public final class HistoryKey implements KeySelector<UserHistory, String> {
  private static final long serialVersionUID = 1L;

  @Override
  public String getKey(UserHistory h) {
    return h.userId();
  }
}
