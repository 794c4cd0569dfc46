package io.reasonflow.features.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.io.DeadLetterReason;
import io.reasonflow.common.io.EventSchema;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The events topic is held to the file reader's rules: the same strict JSON, timestamps and id
 * limits.
 */
class KafkaEventDeserializerTest {
  private final KafkaEventDeserializer deserializer =
      new KafkaEventDeserializer(EventSchema.DEFAULT);

  private KafkaEvent parse(String value) {
    return deserializer.parse(
        new ConsumerRecord<>("events", 1, 42L, null, value.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void recordsBreakingTheParserRulesAreDeadLettersWithTheirCode() {
    String good = "{\"user_id\":\"u\",\"item_id\":\"i\",\"ts\":1400000000}";
    assertThat(parse(good).isDeadLetter()).isFalse();
    assertThat(parse(good + "{\"x\":1}").deadLetter().reason())
        .isEqualTo(DeadLetterReason.TRAILING_CONTENT);
    assertThat(
            parse("{\"user_id\":\"u\",\"user_id\":\"v\",\"item_id\":\"i\",\"ts\":1400000000}")
                .deadLetter()
                .reason())
        .isEqualTo(DeadLetterReason.DUPLICATE_KEY);
    assertThat(
            parse("{\"user_id\":\"u\",\"item_id\":\"i\",\"ts\":\"1400000000d\"}")
                .deadLetter()
                .reason())
        .isEqualTo(DeadLetterReason.BAD_TIMESTAMP);
    assertThat(
            parse("{\"user_id\":\"u\\u0000\",\"item_id\":\"i\",\"ts\":1400000000}")
                .deadLetter()
                .reason())
        .isEqualTo(DeadLetterReason.BAD_ID_CHARACTER);
    var tooLong =
        parse("{\"user_id\":\"u\",\"item_id\":\"" + "i".repeat(40_000) + "\",\"ts\":1400000000}");
    assertThat(tooLong.deadLetter().reason()).isEqualTo(DeadLetterReason.ID_TOO_LONG);
    assertThat(tooLong.deadLetter().source()).isEqualTo("kafka:events/1");
    assertThat(tooLong.deadLetter().position()).isEqualTo(42L);
  }
}
