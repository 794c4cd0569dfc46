package io.reasonflow.bench.features;

import io.reasonflow.common.Progress;
import io.reasonflow.common.io.EventSchema;
import io.reasonflow.common.io.RawLine;
import io.reasonflow.common.model.Event;
import io.reasonflow.features.core.FeatureSettings;
import io.reasonflow.features.flink.EventTimeAssigner;
import io.reasonflow.features.flink.ParseEvents;
import io.reasonflow.features.flink.RawLineFormat;
import io.reasonflow.features.flink.UserKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming path as the benchmark runs it through Flink: STREAMING mode, heap (hashmap) keyed
 * state, parallelism 2, no checkpointing. Event files -> {@link ParseEvents} ->
 * bounded-out-of-orderness watermarks -> keyed by shopper, {@link ShopperState} (session, new
 * co-view pairs, user vector) -> keyed by pair, a running shopper count per pair.
 */
public final class StreamingPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingPipeline.class);
  static final String PAIR_UPDATES = "bench-pair-updates";
  static final String LATE = "bench-late-events";

  /** Counts that must agree with the plain loop's. */
  public record Result(long events, long pairUpdates, long lateEvents, long millis) {}

  private StreamingPipeline() {}

  public static Result run(
      List<Path> files,
      EventSchema schema,
      FeatureSettings s,
      Map<String, float[]> vectors,
      long expectedEvents)
      throws Exception {
    Configuration conf = new Configuration();
    conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
    conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
    env.getConfig().enableObjectReuse();
    FileSource<RawLine> source =
        FileSource.forBulkFileFormat(
                new RawLineFormat(),
                files.stream()
                    .map(p -> new org.apache.flink.core.fs.Path(p.toUri()))
                    .toArray(org.apache.flink.core.fs.Path[]::new))
            .build();
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "event-files")
        .process(new ParseEvents(schema))
        .name("parse-events")
        .assignTimestampsAndWatermarks(
            WatermarkStrategy.<Event>forBoundedOutOfOrderness(
                    Duration.ofMillis(s.outOfOrdernessMs()))
                .withTimestampAssigner(new EventTimeAssigner()))
        .keyBy(new UserKey())
        .process(new ShopperFeatures(s, vectors, expectedEvents))
        .name("shopper-state")
        .keyBy(pair -> pair)
        .process(new PairCounts())
        .name("pair-counts")
        .sinkTo(new DiscardingSink<>());
    long start = System.currentTimeMillis();
    JobExecutionResult r = env.execute("reasonflow-bench-streaming");
    long millis = System.currentTimeMillis() - start;
    return new Result(
        counter(r, ParseEvents.EVENTS_COUNTER), counter(r, PAIR_UPDATES), counter(r, LATE), millis);
  }

  private static long counter(JobExecutionResult r, String name) {
    Object v = r.getAccumulatorResult(name);
    return v == null ? 0 : ((Number) v).longValue();
  }

  /**
   * Per shopper: {@link ShopperState} in keyed heap state; emits the pairs the shopper counts for
   * the first time.
   */
  static final class ShopperFeatures extends KeyedProcessFunction<String, Event, String> {
    private static final long serialVersionUID = 1L;
    private final FeatureSettings s;
    private final Map<String, float[]> vectors;
    private final long expectedEvents;
    private transient ValueState<ShopperState> state;
    private transient LongCounter late;
    private transient long seen;
    private transient long start;

    ShopperFeatures(FeatureSettings s, Map<String, float[]> vectors, long expectedEvents) {
      this.s = s;
      this.vectors = vectors;
      this.expectedEvents = expectedEvents;
    }

    @Override
    public void open(OpenContext ctx) {
      state =
          getRuntimeContext()
              .getState(
                  new ValueStateDescriptor<>("shopper", TypeInformation.of(ShopperState.class)));
      late = getRuntimeContext().getLongCounter(LATE);
      start = System.currentTimeMillis();
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<String> out) throws Exception {
      if (e.eventTimeMs() < ctx.timerService().currentWatermark()) {
        late.add(1);
      }
      ShopperState st = state.value();
      if (st == null) {
        st = new ShopperState();
      }
      st.add(
          e, s.sessionGapMs(), s.sessionMaxItems(), s.halfLifeMs(), vectors, s.dim(), out::collect);
      state.update(st);
      // each of the 2 subtasks sees about half the events: report its share
      if (++seen % 1_000_000 == 0
          && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
        LOG.info(Progress.line("flink (subtask 0 of 2)", seen, expectedEvents / 2, start));
      }
    }
  }

  /** Per pair: the running count of shoppers (the figure a reason quotes). */
  static final class PairCounts extends KeyedProcessFunction<String, String, String> {
    private static final long serialVersionUID = 1L;
    private transient ValueState<Integer> count;
    private transient LongCounter updates;

    @Override
    public void open(OpenContext ctx) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Integer.class));
      updates = getRuntimeContext().getLongCounter(PAIR_UPDATES);
    }

    @Override
    public void processElement(String pair, Context ctx, Collector<String> out) throws Exception {
      Integer c = count.value();
      count.update(c == null ? 1 : c + 1);
      updates.add(1);
    }
  }
}
