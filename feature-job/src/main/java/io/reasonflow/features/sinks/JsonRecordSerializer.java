package io.reasonflow.features.sinks;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.reasonflow.common.store.JsonLines;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A record as one JSON object (the same JSON as the JSON-lines files, so one reader handles both),
 * keyed by {@link RecordKey} in UTF-8 so that a compacted topic keeps the latest record per key.
 *
 * <p>The Kafka record's timestamp is left to the producer (the time of writing), not Flink's record
 * timestamp: that is the event time of what the record derives from, which for replayed or late
 * history is far in the past, and the broker rolls and deletes (time-based retention) segments by
 * record timestamps, so such output would be gone minutes after it was committed. Event time stays
 * in the payload.
 */
public final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {
  private static final long serialVersionUID = 1L;
  private final String topic;
  private final RecordKey<T> key;

  public JsonRecordSerializer(String topic, RecordKey<T> key) {
    this.topic = topic;
    this.key = key;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      T element, KafkaSinkContext context, Long timestamp) {
    try {
      return new ProducerRecord<>(
          topic,
          null,
          null,
          key.key(element).getBytes(StandardCharsets.UTF_8),
          JsonLines.MAPPER.writeValueAsBytes(element));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + element + " as JSON", e);
    }
  }
}
