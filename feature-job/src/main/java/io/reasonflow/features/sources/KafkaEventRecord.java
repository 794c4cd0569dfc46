package io.reasonflow.features.sources;

import io.reasonflow.common.io.RawLine;
import java.io.Serializable;

/**
 * One Kafka record of the events topic, undecoded: bytes plus where they came from. Parsing happens downstream
 * (not in the deserializer) so that a malformed record becomes a dead letter with its reason instead of failing the
 * source, and so that the dead letter can name its exact position.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the record's offset in its partition
 * @param value the record value (empty for a tombstone)
 */
public record KafkaEventRecord(String topic, int partition, long offset, byte[] value) implements Serializable {

  /** {@code kafka:topic/partition}: the dead-letter source of this record. */
  public String source() {
    return "kafka:" + topic + "/" + partition;
  }

  /** The record as the common parser's input: source {@code kafka:topic/partition}, position = offset. */
  public RawLine toRawLine() {
    return new RawLine(source(), offset, value == null ? new byte[0] : value);
  }
}
