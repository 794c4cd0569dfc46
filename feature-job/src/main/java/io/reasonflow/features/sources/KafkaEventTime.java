package io.reasonflow.features.sources;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssigner;

/**
 * Event time is when the shopper acted, not when Kafka received the record. A dead letter has no
 * event time: {@link TimestampAssigner#NO_TIMESTAMP}, Flink's "none", which {@link
 * SkipRecordsWithoutTime} keeps away from the watermark.
 */
public final class KafkaEventTime implements SerializableTimestampAssigner<KafkaEvent> {
  private static final long serialVersionUID = 1L;

  @Override
  public long extractTimestamp(KafkaEvent e, long kafkaTimestamp) {
    return e.isDeadLetter() ? TimestampAssigner.NO_TIMESTAMP : e.event().event().eventTimeMs();
  }
}
