package io.reasonflow.features.stream;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/** Event time is when the shopper acted, not when Kafka received the record. */
public final class StreamEventTime implements SerializableTimestampAssigner<StreamEvent> {
  private static final long serialVersionUID = 1L;

  @Override
  public long extractTimestamp(StreamEvent e, long recordTimestamp) {
    return e.event().eventTimeMs();
  }
}
