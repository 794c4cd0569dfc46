package io.reasonflow.features.sinks;

import io.reasonflow.features.stream.StreamSettings;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * The job's Kafka outputs. Exactly-once: records are written in a Kafka transaction per checkpoint
 * and committed when the checkpoint completes, so {@code read_committed} consumers see each record
 * once even across restarts. Consumers reading with {@code read_uncommitted} would see aborted
 * attempts; the outputs' consumers must not.
 */
public final class KafkaSinks {
  private KafkaSinks() {}

  /**
   * A JSON sink (exactly-once unless {@code kafka.sink.delivery-guarantee} says otherwise) to
   * {@code topic}. {@code idSuffix} makes the transactional ids of this sink distinct from the
   * job's other Kafka sinks under the shared {@code kafka.transactional-id-prefix}.
   */
  public static <T> KafkaSink<T> exactlyOnce(
      StreamSettings s, String topic, RecordKey<T> key, String idSuffix) {
    return KafkaSink.<T>builder()
        .setBootstrapServers(s.bootstrapServers())
        .setRecordSerializer(new JsonRecordSerializer<>(topic, key))
        .setDeliveryGuarantee(s.deliveryGuarantee())
        .setTransactionalIdPrefix(s.transactionalIdPrefix() + "-" + idSuffix)
        // the broker rejects a timeout above its transaction.max.timeout.ms (15 min by default);
        // Flink's own default
        // of 1 h would make every transactional producer fail to start
        .setProperty("transaction.timeout.ms", Long.toString(s.transactionTimeoutMs()))
        .build();
  }
}
