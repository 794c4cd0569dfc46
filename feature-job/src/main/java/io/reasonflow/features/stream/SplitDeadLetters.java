package io.reasonflow.features.stream;

import io.reasonflow.common.io.DeadLetter;
import io.reasonflow.common.io.DeadLetterReason;
import io.reasonflow.features.sources.KafkaEvent;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The source's parsed records: events go on, dead letters (with their reason, {@code
 * kafka:topic/partition} and offset) go to {@link #DEAD_LETTERS}, and the job goes on.
 *
 * <p>Metrics (operator scope): {@code eventsIn} (records read), {@code eventsParsed}, and {@code
 * deadLettered} in a sub-group {@code reason=<DeadLetterReason>} per reason, so dashboards alert on
 * one reason without parsing logs.
 */
public final class SplitDeadLetters extends ProcessFunction<KafkaEvent, StreamEvent> {
  private static final long serialVersionUID = 1L;
  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("kafka-dead-letters") {};

  private transient Counter in;
  private transient Counter parsed;
  private transient Map<DeadLetterReason, Counter> dead;

  @Override
  public void open(OpenContext ctx) {
    in = getRuntimeContext().getMetricGroup().counter("eventsIn");
    parsed = getRuntimeContext().getMetricGroup().counter("eventsParsed");
    dead = new EnumMap<>(DeadLetterReason.class);
    for (DeadLetterReason r : DeadLetterReason.values()) {
      dead.put(
          r,
          getRuntimeContext()
              .getMetricGroup()
              .addGroup("reason", r.name())
              .counter("deadLettered"));
    }
  }

  @Override
  public void processElement(KafkaEvent record, Context ctx, Collector<StreamEvent> out) {
    in.inc();
    if (record.isDeadLetter()) {
      dead.get(record.deadLetter().reason()).inc();
      ctx.output(DEAD_LETTERS, record.deadLetter());
    } else {
      parsed.inc();
      out.collect(record.event());
    }
  }

  @Override
  public void close() {
    dead = null;
  }
}
