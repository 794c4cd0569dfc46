package io.reasonflow.reasons;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.reasons.flink.ProfileParser;
import io.reasonflow.reasons.flink.ReasonSources;
import io.reasonflow.reasons.flink.RecommendFunction;
import io.reasonflow.reasons.flink.RecommendationRecords;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The streaming reason job: every profile update from the feature job (the profiles topic) produces
 * the shopper's fresh top-k with verified reasons on the reasons topic. The job takes its source
 * and sink as arguments, so a test wires the same pipeline to a test broker; {@link #kafkaSource}
 * and {@link #kafkaSink} build the production ones.
 */
public final class ReasonStreamJob {
  private final Config config;
  private final ReasonSources sources;

  /**
   * @param featuresDir the feature job's output (items, co-views and index the recommender reads),
   *     or a version root whose published version it follows ({@code
   *     reasons.stream.follow-interval})
   */
  public ReasonStreamJob(Config config, String featuresDir) {
    this.config = Objects.requireNonNull(config, "config");
    this.sources =
        new ReasonSources(
            Objects.requireNonNull(featuresDir, "featuresDir"),
            config.duration("reasons.stream.follow-interval").toMillis());
  }

  /** Wires profiles -> recommendations -> sink onto {@code env}; the caller executes it. */
  public void wire(
      StreamExecutionEnvironment env, Source<String, ?, ?> profiles, Sink<Recommendation> sink) {
    DataStream<UserProfile> parsed =
        env.fromSource(profiles, WatermarkStrategy.noWatermarks(), "profile-updates")
            .uid("profile-updates")
            .flatMap(new ProfileParser())
            .name("parse-profiles")
            .uid("parse-profiles");
    RecommendFunction.applyTo(
            parsed.keyBy(UserProfile::userId), new RecommendFunction(config, sources, 0))
        .uid("recommend")
        .sinkTo(sink)
        .name("reasons-topic")
        .uid("reasons-topic");
  }

  /** Profile JSON messages from {@code kafka.profiles.topic}. */
  public KafkaSource<String> kafkaSource() {
    return KafkaSource.<String>builder()
        .setBootstrapServers(config.string("kafka.bootstrap-servers"))
        .setTopics(config.string("kafka.profiles.topic"))
        .setGroupId(config.string("kafka.reasons.group-id"))
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

  /** Recommendations to {@code kafka.reasons.topic}, exactly once unless configured otherwise. */
  public KafkaSink<Recommendation> kafkaSink() {
    Properties producer = new Properties();
    Duration timeout = config.duration("kafka.transaction-timeout");
    if (timeout.compareTo(Duration.ofMinutes(15)) > 0) {
      throw config.bad(
          "kafka.transaction-timeout",
          "exceeds the brokers' default transaction.max.timeout.ms (15m)");
    }
    producer.setProperty("transaction.timeout.ms", Long.toString(timeout.toMillis()));
    return KafkaSink.<Recommendation>builder()
        .setBootstrapServers(config.string("kafka.bootstrap-servers"))
        .setRecordSerializer(new RecommendationRecords(config.string("kafka.reasons.topic")))
        .setDeliveryGuarantee(deliveryGuarantee(config))
        .setTransactionalIdPrefix(config.string("kafka.reasons.transactional-id-prefix"))
        .setKafkaProducerConfig(producer)
        .build();
  }

  static DeliveryGuarantee deliveryGuarantee(Config config) {
    return switch (config.string("kafka.sink.delivery-guarantee").toLowerCase(Locale.ROOT)) {
      case "exactly-once" -> DeliveryGuarantee.EXACTLY_ONCE;
      case "at-least-once" -> DeliveryGuarantee.AT_LEAST_ONCE;
      default ->
          throw config.bad("kafka.sink.delivery-guarantee", "is not exactly-once or at-least-once");
    };
  }
}
