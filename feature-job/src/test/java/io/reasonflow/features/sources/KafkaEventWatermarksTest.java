package io.reasonflow.features.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.io.DeadLetterReason;
import io.reasonflow.common.io.EventSchema;
import io.reasonflow.common.model.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Event time read at the source, and per-partition watermarks that only events move. */
class KafkaEventWatermarksTest {
  static final long KAFKA_TIME = 1_750_000_000_000L;
  static final Duration OUT_OF_ORDERNESS = Duration.ofMinutes(10);
  static final Duration IDLENESS = Duration.ofMinutes(1);

  final KafkaEventDeserializer deserializer = new KafkaEventDeserializer(EventSchema.DEFAULT);
  final KafkaEventWatermarks strategy = new KafkaEventWatermarks(OUT_OF_ORDERNESS, IDLENESS);
  final TimestampAssigner<KafkaEvent> time = strategy.createTimestampAssigner(null);
  final ManualClock clock = new ManualClock();
  final WatermarkGenerator<KafkaEvent> watermarks =
      strategy.createWatermarkGenerator(new Context(clock));
  final Output out = new Output();
  long offset;

  KafkaEvent read(String value) {
    return read(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  KafkaEvent read(byte[] value) {
    return deserializer.parse(
        new ConsumerRecord<>(
            "events",
            3,
            offset++,
            KAFKA_TIME,
            null,
            0,
            0,
            null,
            value,
            new org.apache.kafka.common.header.internals.RecordHeaders(),
            java.util.Optional.empty()));
  }

  long timeOf(String value) {
    return time.extractTimestamp(read(value), KAFKA_TIME);
  }

  /**
   * The record through the timestamp assigner and this partition's watermark generator, as the
   * source does.
   */
  void emit(String value) {
    KafkaEvent e = read(value);
    watermarks.onEvent(e, time.extractTimestamp(e, KAFKA_TIME), out);
  }

  static String event(String ts) {
    return "{\"user_id\":\"u1\",\"item_id\":\"i1\",\"ts\":" + ts + ",\"type\":\"view\"}";
  }

  @Test
  void eventTimeIsTheRecordsTimeInEpochMillis() {
    assertThat(timeOf(event("1396437466"))).as("seconds").isEqualTo(1_396_437_466_000L);
    assertThat(timeOf(event("1396437466.94")))
        .as("fractional seconds")
        .isEqualTo(1_396_437_466_940L);
    assertThat(timeOf(event("1396437466940"))).as("milliseconds").isEqualTo(1_396_437_466_940L);
    assertThat(timeOf(event("\"2014-04-02T11:17:46.940Z\"")))
        .as("ISO-8601")
        .isEqualTo(Instant.parse("2014-04-02T11:17:46.940Z").toEpochMilli());
    assertThat(timeOf("{\"ts\":1396437466,\"user_id\":\"u1\",\"item_id\":\"i1\",\"x\":{\"ts\":1}}"))
        .as("key order; a nested key of the same name is not the event's")
        .isEqualTo(1_396_437_466_000L);
  }

  @Test
  void anEventKeepsWhereItCameFromAndItsText() {
    KafkaEvent e = read(event("1396437466"));
    assertThat(e.isDeadLetter()).isFalse();
    assertThat(e.event().source()).isEqualTo("kafka:events/3");
    assertThat(e.event().position()).isZero();
    assertThat(e.event().raw()).isEqualTo(event("1396437466"));
    assertThat(e.event().event().userId()).isEqualTo("u1");
    assertThat(e.event().event().type()).isEqualTo(EventType.VIEW);
  }

  @Test
  void aRecordWithoutValidTimeIsADeadLetterWithoutTimestamp() {
    assertDeadLetter(
        "{\"user_id\":\"u1\",\"item_id\":\"i1\",\"ts\":13964", DeadLetterReason.MALFORMED_JSON);
    assertDeadLetter("[1396437466]", DeadLetterReason.MALFORMED_JSON);
    assertDeadLetter("{\"user_id\":\"u1\",\"item_id\":\"i1\"}", DeadLetterReason.MISSING_FIELD);
    assertDeadLetter(event("null"), DeadLetterReason.MISSING_FIELD);
    assertDeadLetter(event("\"yesterday\""), DeadLetterReason.BAD_TIMESTAMP);
    assertDeadLetter(event("\"NaN\""), DeadLetterReason.BAD_TIMESTAMP);
    assertDeadLetter(
        event("315532800"), DeadLetterReason.BAD_TIMESTAMP); // 1980: before 1990, a clock error
    assertDeadLetter(event("\"2200-01-01T00:00:00Z\""), DeadLetterReason.BAD_TIMESTAMP);
    assertDeadLetter("", DeadLetterReason.EMPTY_LINE);
    assertDeadLetter((String) null, DeadLetterReason.EMPTY_LINE); // a tombstone
    assertDeadLetter(
        new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, DeadLetterReason.INVALID_UTF8);
    // the time is fine, the record is not: dead-lettered all the same, and out of event time
    assertDeadLetter(
        "{\"user_id\":\"u1\",\"item_id\":\"i1\",\"ts\":1396437466,\"type\":\"teleport\"}",
        DeadLetterReason.BAD_EVENT_TYPE);
  }

  void assertDeadLetter(String value, DeadLetterReason reason) {
    assertDeadLetter(value == null ? null : value.getBytes(StandardCharsets.UTF_8), reason);
  }

  void assertDeadLetter(byte[] value, DeadLetterReason reason) {
    long at = offset;
    KafkaEvent e = read(value);
    assertThat(e.isDeadLetter())
        .as("%s is a dead letter", value == null ? null : new String(value))
        .isTrue();
    assertThat(e.deadLetter().reason()).isEqualTo(reason);
    assertThat(e.deadLetter().source()).isEqualTo("kafka:events/3");
    assertThat(e.deadLetter().position()).isEqualTo(at);
    assertThat(time.extractTimestamp(e, KAFKA_TIME)).isEqualTo(TimestampAssigner.NO_TIMESTAMP);
  }

  @Test
  void theWatermarkTrailsThePartitionsLatestEventByTheOutOfOrdernessBound() {
    watermarks.onPeriodicEmit(out);
    assertThat(out.watermark).as("no event yet").isEqualTo(Long.MIN_VALUE);
    emit(event("1396437466000"));
    emit(event("1396437000000")); // out of order, within the bound: moves nothing
    watermarks.onPeriodicEmit(out);
    assertThat(out.watermark).isEqualTo(1_396_437_466_000L - OUT_OF_ORDERNESS.toMillis() - 1);
  }

  @Test
  void deadLettersNeitherMoveTheWatermarkNorKeepThePartitionActive() {
    emit(event("1396437466000"));
    watermarks.onPeriodicEmit(out);
    long before = out.watermark;
    for (int i = 0; i < 10; i++) {
      clock.advanceTime(IDLENESS.toMillis() / 5, TimeUnit.MILLISECONDS);
      emit("{\"user_id\":\"u1\",\"item_id\":\"i1\",\"ts\":4102444800000,\"type\":\"teleport\"}");
      emit("not json");
      watermarks.onPeriodicEmit(out);
      assertThat(out.watermark).isEqualTo(before);
    }
    assertThat(out.idle)
        .as("only dead letters for longer than the idleness timeout: idle")
        .isTrue();

    emit(event("1396437500000"));
    watermarks.onPeriodicEmit(out);
    assertThat(out.idle).as("an event makes it active again").isFalse();
    assertThat(out.watermark).isEqualTo(1_396_437_500_000L - OUT_OF_ORDERNESS.toMillis() - 1);
  }

  @Test
  void aPartitionWithEventsStaysActive() {
    for (int i = 0; i < 10; i++) {
      clock.advanceTime(IDLENESS.toMillis() / 5, TimeUnit.MILLISECONDS);
      emit(event(Long.toString(1_396_437_466_000L + i)));
      watermarks.onPeriodicEmit(out);
    }
    assertThat(out.idle).isFalse();
  }

  /** What the source's per-partition output would pass on. */
  static final class Output implements WatermarkOutput {
    long watermark = Long.MIN_VALUE;
    boolean idle;

    @Override
    public void emitWatermark(Watermark w) {
      watermark = Math.max(watermark, w.getTimestamp());
      idle = false;
    }

    @Override
    public void markIdle() {
      idle = true;
    }

    @Override
    public void markActive() {
      idle = false;
    }
  }

  record Context(RelativeClock getInputActivityClock)
      implements WatermarkGeneratorSupplier.Context {
    @Override
    public MetricGroup getMetricGroup() {
      return new UnregisteredMetricsGroup();
    }
  }
}
