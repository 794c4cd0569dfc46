package io.reasonflow.features.flink;

import io.reasonflow.common.model.Event;
import io.reasonflow.common.model.EventType;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Counts a subtask's events by type and emits ({@code event-type:TYPE}, count) for each type it
 * saw, once, at the end of input: the event types reach a detached job's summary ({@code
 * WriteRunSummary}) as {@link CountRecords}' totals do, a few records per subtask.
 */
public final class CountEventTypes extends AbstractStreamOperator<Tuple2<String, Long>>
    implements OneInputStreamOperator<Event, Tuple2<String, Long>>, BoundedOneInput {
  private static final long serialVersionUID = 1L;
  static final String PREFIX = "event-type:";
  private transient long[] counts;

  /** The tally's label for {@code type}. */
  public static String label(EventType type) {
    return PREFIX + type.name();
  }

  /** The type a tally's label names, or null when it is not an event type's tally. */
  public static EventType typeOf(String label) {
    if (label == null || !label.startsWith(PREFIX)) {
      return null;
    }
    return EventType.valueOf(label.substring(PREFIX.length()));
  }

  @Override
  public void open() throws Exception {
    super.open();
    counts = new long[EventType.values().length];
  }

  @Override
  public void processElement(StreamRecord<Event> element) {
    counts[element.getValue().type().ordinal()]++;
  }

  @Override
  public void endInput() {
    for (EventType t : EventType.values()) {
      if (counts[t.ordinal()] > 0) {
        output.collect(new StreamRecord<>(Tuple2.of(label(t), counts[t.ordinal()])));
      }
    }
  }
}
