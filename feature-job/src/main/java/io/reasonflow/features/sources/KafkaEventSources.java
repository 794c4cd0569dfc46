package io.reasonflow.features.sources;

import io.reasonflow.common.io.EventSchema;
import io.reasonflow.features.stream.StreamSettings;
import java.util.Map;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/**
 * The events source: a {@link KafkaSource} over {@code kafka.events.topic} yielding {@link
 * KafkaEvent}s. Give it {@link KafkaEventWatermarks} in {@code env.fromSource}, so that watermarks
 * are per partition.
 *
 * <p>Record format (the value; the key is ignored): one UTF-8 JSON object whose keys are the
 * configured {@code input.columns.*} names, e.g. with the defaults
 *
 * <pre>
 * {"user_id": "u1", "item_id": "B0000535UX", "ts": 1396437466.94, "type": "view", "session_id": "s7"}
 * </pre>
 *
 * {@code ts} is epoch seconds or milliseconds ({@code input.timestamp-unit}) or an ISO-8601
 * instant; {@code type} (view, click, cart, purchase, review and their usual aliases) and {@code
 * session_id} are optional. Exactly the rules of the batch reader ({@link
 * io.reasonflow.common.io.EventLineParser#forJson}, applied by {@link KafkaEventDeserializer}); a
 * record that breaks them is dead-lettered, not fatal.
 *
 * <p>Offsets: a job restored from a checkpoint resumes from the checkpointed offsets; otherwise it
 * starts as {@code kafka.starting-offsets} says. Offsets are also committed to the group on
 * checkpoints (monitoring, lag).
 */
public final class KafkaEventSources {
  private KafkaEventSources() {}

  /** The unbounded source the deployed job reads. */
  public static KafkaSource<KafkaEvent> unbounded(StreamSettings s, EventSchema schema) {
    return builder(s, schema).build();
  }

  /**
   * A source that stops at the given offsets (exclusive): replays, backfills from Kafka, and tests
   * that need the job to finish so every session closes and the final checkpoint commits every
   * output.
   */
  public static KafkaSource<KafkaEvent> boundedUntil(
      StreamSettings s, EventSchema schema, Map<TopicPartition, Long> stopAt) {
    return builder(s, schema).setBounded(OffsetsInitializer.offsets(stopAt)).build();
  }

  private static KafkaSourceBuilder<KafkaEvent> builder(StreamSettings s, EventSchema schema) {
    return KafkaSource.<KafkaEvent>builder()
        .setBootstrapServers(s.bootstrapServers())
        .setTopics(s.eventsTopic())
        .setGroupId(s.groupId())
        .setStartingOffsets(startingOffsets(s.startingOffsets()))
        .setDeserializer(new KafkaEventDeserializer(schema))
        // only committed transactions: events written transactionally by an upstream job are read
        // once
        .setProperty("isolation.level", "read_committed")
        .setProperty("commit.offsets.on.checkpoint", "true")
        .setClientIdPrefix(s.groupId());
  }

  @SuppressWarnings("deprecation") // the connector's API still takes OffsetResetStrategy
  static OffsetsInitializer startingOffsets(StreamSettings.StartingOffsets o) {
    return switch (o) {
      case EARLIEST -> OffsetsInitializer.earliest();
      case LATEST -> OffsetsInitializer.latest();
      case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
    };
  }
}
