package io.reasonflow.reasons;

import io.reasonflow.common.config.Config;
import io.reasonflow.reasons.flink.RecommendationRecords;
import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/**
 * The {@code kafka.*} keys of the streaming reason job, read and checked once on the client, and
 * the production source and sink they describe ({@link ReasonStreamJob} takes them as arguments, so
 * a test can wire other ones).
 *
 * @param bootstrapServers {@code kafka.bootstrap-servers}
 * @param profilesTopic {@code kafka.profiles.topic}: the feature job's profile updates
 * @param groupId {@code kafka.reasons.group-id}
 * @param reasonsTopic {@code kafka.reasons.topic}
 * @param transactionalIdPrefix {@code kafka.reasons.transactional-id-prefix}
 * @param transactionTimeoutMs {@code kafka.transaction-timeout}
 * @param deliveryGuarantee {@code kafka.sink.delivery-guarantee}
 */
public record ReasonKafkaSettings(
    String bootstrapServers,
    String profilesTopic,
    String groupId,
    String reasonsTopic,
    String transactionalIdPrefix,
    long transactionTimeoutMs,
    DeliveryGuarantee deliveryGuarantee)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Brokers reject a longer transaction: their default {@code transaction.max.timeout.ms}. */
  static final Duration MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

  /**
   * @throws io.reasonflow.common.UserError naming the key for a bad value
   */
  public static ReasonKafkaSettings from(Config c) {
    Duration timeout = c.duration("kafka.transaction-timeout");
    if (timeout.compareTo(MAX_TRANSACTION_TIMEOUT) > 0) {
      throw c.bad(
          "kafka.transaction-timeout",
          "exceeds the brokers' default transaction.max.timeout.ms (15m)");
    }
    return new ReasonKafkaSettings(
        c.string("kafka.bootstrap-servers"),
        c.string("kafka.profiles.topic"),
        c.string("kafka.reasons.group-id"),
        c.string("kafka.reasons.topic"),
        c.string("kafka.reasons.transactional-id-prefix"),
        timeout.toMillis(),
        deliveryGuarantee(c));
  }

  /** Profile JSON messages from {@link #profilesTopic}. */
  public KafkaSource<String> profilesSource() {
    return KafkaSource.<String>builder()
        .setBootstrapServers(bootstrapServers)
        .setTopics(profilesTopic)
        .setGroupId(groupId)
        .setStartingOffsets(
            OffsetsInitializer.committedOffsets(
                org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
        .setValueOnlyDeserializer(new SimpleStringSchema())
        // The feature job writes profiles in transactions that a failure aborts; Kafka consumers
        // read uncommitted records by default, and a reason written from an aborted profile would
        // outlive the profile's rollback.
        .setProperty("isolation.level", "read_committed")
        .build();
  }

  /** Recommendations to {@link #reasonsTopic}, exactly once unless configured otherwise. */
  public KafkaSink<Recommendation> reasonsSink() {
    Properties producer = new Properties();
    producer.setProperty("transaction.timeout.ms", Long.toString(transactionTimeoutMs));
    return KafkaSink.<Recommendation>builder()
        .setBootstrapServers(bootstrapServers)
        .setRecordSerializer(new RecommendationRecords(reasonsTopic))
        .setDeliveryGuarantee(deliveryGuarantee)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .setKafkaProducerConfig(producer)
        .build();
  }

  static DeliveryGuarantee deliveryGuarantee(Config c) {
    return switch (c.string("kafka.sink.delivery-guarantee").toLowerCase(Locale.ROOT)) {
      case "exactly-once" -> DeliveryGuarantee.EXACTLY_ONCE;
      case "at-least-once" -> DeliveryGuarantee.AT_LEAST_ONCE;
      default ->
          throw c.bad("kafka.sink.delivery-guarantee", "is not exactly-once or at-least-once");
    };
  }
}
