package io.reasonflow.features.flink;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Counts a subtask's records and emits ({@code name}, count) once, at the end of input: how a
 * detached job, whose client never sees accumulators, still gets totals to one place ({@code
 * WriteRunSummary}) without sending every record there.
 */
public final class CountRecords<T> extends AbstractStreamOperator<Tuple2<String, Long>>
    implements OneInputStreamOperator<T, Tuple2<String, Long>>, BoundedOneInput {
  private static final long serialVersionUID = 1L;
  private final String name;
  private transient long count;

  public CountRecords(String name) {
    this.name = name;
  }

  @Override
  public void processElement(StreamRecord<T> element) {
    count++;
  }

  @Override
  public void endInput() {
    output.collect(new StreamRecord<>(Tuple2.of(name, count)));
  }
}
