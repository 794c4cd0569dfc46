package io.reasonflow.features.sources;

import io.reasonflow.common.io.DeadLetter;
import io.reasonflow.features.stream.StreamEvent;
import java.io.Serializable;

/**
 * One record of the events topic, parsed where it is read: either the event (with its partition and
 * offset) or the dead letter that says why the record is none. Parsed in the source, not
 * downstream, because the source's per-partition watermarks need each record's event time ({@link
 * KafkaEventWatermarks}).
 *
 * @param event the event, or null for a dead letter
 * @param deadLetter why the record is not an event, or null for an event
 */
public record KafkaEvent(StreamEvent event, DeadLetter deadLetter) implements Serializable {

  public KafkaEvent {
    if ((event == null) == (deadLetter == null)) {
      throw new IllegalArgumentException(
          "exactly one of event and dead letter: " + event + ", " + deadLetter);
    }
  }

  public static KafkaEvent of(StreamEvent event) {
    return new KafkaEvent(event, null);
  }

  public static KafkaEvent rejected(DeadLetter deadLetter) {
    return new KafkaEvent(null, deadLetter);
  }

  public boolean isDeadLetter() {
    return deadLetter != null;
  }
}
