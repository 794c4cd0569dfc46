package io.reasonflow.features.stream;

import io.reasonflow.common.io.DeadLetter;
import io.reasonflow.common.io.DeadLetterReason;
import io.reasonflow.common.io.EventLineParser;
import io.reasonflow.common.io.EventSchema;
import io.reasonflow.common.io.ParseResult;
import io.reasonflow.common.io.RawLine;
import io.reasonflow.common.model.Event;
import io.reasonflow.features.sources.KafkaEventRecord;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Kafka records to events with the batch reader's rules ({@link EventLineParser#forJson}); a record that breaks them
 * goes to {@link #DEAD_LETTERS} with its reason, {@code kafka:topic/partition} and offset, and the job goes on.
 *
 * <p>Metrics (operator scope): {@code eventsIn} (records read), {@code eventsParsed}, and {@code deadLettered} in
 * a sub-group {@code reason=<DeadLetterReason>} per reason, so dashboards alert on one reason without parsing logs.
 */
public final class ParseKafkaEvents extends ProcessFunction<KafkaEventRecord, StreamEvent> {
  private static final long serialVersionUID = 1L;
  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("kafka-dead-letters") {};

  private final EventSchema schema;
  private transient EventLineParser parser;
  private transient Counter in;
  private transient Counter parsed;
  private transient Map<DeadLetterReason, Counter> dead;

  public ParseKafkaEvents(EventSchema schema) {
    this.schema = schema;
  }

  @Override
  public void open(OpenContext ctx) {
    parser = EventLineParser.forJson(schema);
    in = getRuntimeContext().getMetricGroup().counter("eventsIn");
    parsed = getRuntimeContext().getMetricGroup().counter("eventsParsed");
    dead = new EnumMap<>(DeadLetterReason.class);
    for (DeadLetterReason r : DeadLetterReason.values()) {
      dead.put(r, getRuntimeContext().getMetricGroup().addGroup("reason", r.name()).counter("deadLettered"));
    }
  }

  @Override
  public void processElement(KafkaEventRecord record, Context ctx, Collector<StreamEvent> out) {
    in.inc();
    RawLine line = record.toRawLine();
    switch (parser.parse(line)) {
      case ParseResult.Ok<Event> ok -> {
        parsed.inc();
        out.collect(new StreamEvent(ok.value(), record.source(), record.offset(),
            line.decodeStrict().orElse("")));
      }
      case ParseResult.Rejected<Event> r -> {
        dead.get(r.deadLetter().reason()).inc();
        ctx.output(DEAD_LETTERS, r.deadLetter());
      }
    }
  }

  @Override
  public void close() {
    parser = null;
    dead = null;
  }
}
