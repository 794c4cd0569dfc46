package io.reasonflow.reasons.flink;

import io.reasonflow.common.store.JsonLines;
import io.reasonflow.reasons.Recommendation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A recommendation as a Kafka record on the reasons topic: the same JSON object as a line of
 * recommendations.jsonl.gz, keyed by shopper id so one shopper's recommendations stay in order in
 * one partition.
 */
public final class RecommendationRecords implements KafkaRecordSerializationSchema<Recommendation> {
  private final String topic;

  public RecommendationRecords(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      Recommendation r, KafkaSinkContext ctx, Long timestamp) {
    try {
      return new ProducerRecord<>(
          topic,
          null,
          timestamp,
          r.userId().getBytes(StandardCharsets.UTF_8),
          JsonLines.MAPPER.writeValueAsBytes(r));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
