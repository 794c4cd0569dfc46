package io.reasonflow.features.sources;

import io.reasonflow.common.io.EventLineParser;
import io.reasonflow.common.io.EventSchema;
import io.reasonflow.common.io.ParseResult;
import io.reasonflow.common.io.RawLine;
import io.reasonflow.common.model.Event;
import io.reasonflow.features.stream.StreamEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses each record value with the batch reader's rules ({@link EventLineParser#forJson}) into a
 * {@link KafkaEvent}. Never fails on content: a record that breaks the rules becomes a dead letter
 * naming {@code kafka:topic/partition} and its offset, so one bad record cannot stop the source.
 */
public final class KafkaEventDeserializer implements KafkaRecordDeserializationSchema<KafkaEvent> {
  private static final long serialVersionUID = 1L;
  private static final byte[] TOMBSTONE = new byte[0];

  private final EventLineParser parser;

  public KafkaEventDeserializer(EventSchema schema) {
    this.parser = EventLineParser.forJson(schema);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KafkaEvent> out) {
    out.collect(parse(record));
  }

  KafkaEvent parse(ConsumerRecord<byte[], byte[]> record) {
    String source = "kafka:" + record.topic() + "/" + record.partition();
    RawLine line =
        new RawLine(source, record.offset(), record.value() == null ? TOMBSTONE : record.value());
    return switch (parser.parse(line)) {
      case ParseResult.Ok<Event> ok ->
          KafkaEvent.of(
              new StreamEvent(
                  ok.value().withoutText(),
                  source,
                  record.offset(),
                  line.decodeStrict().orElse("")));
      case ParseResult.Rejected<Event> r -> KafkaEvent.rejected(r.deadLetter());
    };
  }

  @Override
  public TypeInformation<KafkaEvent> getProducedType() {
    return TypeInformation.of(KafkaEvent.class);
  }
}
