package io.reasonflow.features.sinks;

import io.reasonflow.common.io.DeadLetter;

/**
 * Dead letters are keyed by where they came from, so one partition's rejects stay in order in the
 * topic.
 */
public final class DeadLetterKey implements RecordKey<DeadLetter> {
  private static final long serialVersionUID = 1L;

  @Override
  public String key(DeadLetter d) {
    return d.source();
  }
}
