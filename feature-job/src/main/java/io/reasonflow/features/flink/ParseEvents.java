package io.reasonflow.features.flink;

import io.reasonflow.common.io.DeadLetter;
import io.reasonflow.common.io.EventLineParser;
import io.reasonflow.common.io.EventSchema;
import io.reasonflow.common.io.ParseResult;
import io.reasonflow.common.io.RawLine;
import io.reasonflow.common.io.RecordFormat;
import io.reasonflow.common.model.Event;
import io.reasonflow.common.model.EventType;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw lines to events; rejects go to {@link #DEAD_LETTERS}. Runs chained to the source (same
 * parallelism, forward), so it sees each file's lines in order and line 1 of a TSV/CSV file, its
 * header, before the rest.
 */
public final class ParseEvents extends ProcessFunction<RawLine, Event> {
  private static final Logger LOG = LoggerFactory.getLogger(ParseEvents.class);
  private static final long serialVersionUID = 1L;
  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};
  public static final String EVENTS_COUNTER = "events-parsed";
  public static final String DEAD_LETTER_COUNTER = "dead-letters";

  /**
   * The accumulator counting parsed events of {@code type}: the types the backfill's summary
   * records.
   */
  public static String typeCounter(EventType type) {
    return EVENTS_COUNTER + ":" + type.name();
  }

  private final EventSchema schema;
  private transient Map<String, EventLineParser> parsers;
  private transient LongCounter eventsAcc;
  private transient LongCounter deadAcc;

  /** By {@link EventType#ordinal()}. */
  private transient LongCounter[] typeAcc;

  private transient Counter eventsMetric;
  private transient Counter deadMetric;

  /** Lines seen, and when and at which count progress was last printed. */
  private transient long lines;

  private transient long reportedAt;
  private transient long reportedLines;

  /**
   * How often a subtask prints its progress: a backfill over months of events reads for many
   * minutes.
   */
  static final long PROGRESS_NANOS = 15_000_000_000L;

  public ParseEvents(EventSchema schema) {
    this.schema = schema;
  }

  @Override
  public void open(OpenContext ctx) {
    parsers = new HashMap<>();
    eventsAcc = getRuntimeContext().getLongCounter(EVENTS_COUNTER);
    deadAcc = getRuntimeContext().getLongCounter(DEAD_LETTER_COUNTER);
    typeAcc = new LongCounter[EventType.values().length];
    for (EventType t : EventType.values()) {
      typeAcc[t.ordinal()] = getRuntimeContext().getLongCounter(typeCounter(t));
    }
    eventsMetric = getRuntimeContext().getMetricGroup().counter("eventsParsed");
    deadMetric = getRuntimeContext().getMetricGroup().counter("deadLetters");
    reportedAt = System.nanoTime();
  }

  /**
   * Every {@link #PROGRESS_NANOS}, one line per subtask with its count and rate (checked every 64k
   * lines).
   */
  private void progress() {
    if ((++lines & 0xFFFF) != 0) {
      return;
    }
    long now = System.nanoTime();
    if (now - reportedAt >= PROGRESS_NANOS) {
      LOG.info(
          String.format(
              "read: subtask %d/%d, %,d lines (%,.0f lines/s)",
              getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + 1,
              getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(),
              lines,
              (lines - reportedLines) * 1e9 / (now - reportedAt)));
      reportedAt = now;
      reportedLines = lines;
    }
  }

  @Override
  public void processElement(RawLine line, Context ctx, Collector<Event> out) {
    progress();
    EventLineParser parser = parsers.get(line.source());
    if (parser == null && line.damage() != null) { // a .gz damaged before its header could be read
      deadAcc.add(1);
      deadMetric.inc();
      ctx.output(DEAD_LETTERS, DeadLetter.damaged(line));
      return;
    }
    if (parser == null) {
      RecordFormat format = RecordFormat.detect(Path.of(line.source()));
      if (format == RecordFormat.JSONL) {
        parser = EventLineParser.forJson(schema);
      } else {
        parsers.put(line.source(), EventLineParser.forHeader(schema, format, line));
        return;
      }
      parsers.put(line.source(), parser);
    }
    switch (parser.parse(line)) {
      case ParseResult.Ok<Event> ok -> {
        eventsAcc.add(1);
        typeAcc[ok.value().type().ordinal()].add(1);
        eventsMetric.inc();
        out.collect(ok.value().withoutText()); // no feature reads review text: not kept in state
      }
      case ParseResult.Rejected<Event> r -> {
        deadAcc.add(1);
        deadMetric.inc();
        ctx.output(DEAD_LETTERS, r.deadLetter());
      }
    }
  }

  @Override
  public void close() {
    parsers = null;
  }
}
