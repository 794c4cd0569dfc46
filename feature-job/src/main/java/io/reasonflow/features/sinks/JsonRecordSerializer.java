package io.reasonflow.features.sinks;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.reasonflow.common.store.JsonLines;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A record as one JSON object (the same JSON as the JSON-lines files, so one reader handles both), keyed by
 * {@link RecordKey} in UTF-8 so that a compacted topic keeps the latest record per key.
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
  public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
    try {
      return new ProducerRecord<>(topic, null, timestamp, key.key(element).getBytes(StandardCharsets.UTF_8),
          JsonLines.MAPPER.writeValueAsBytes(element));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + element + " as JSON", e);
    }
  }
}
