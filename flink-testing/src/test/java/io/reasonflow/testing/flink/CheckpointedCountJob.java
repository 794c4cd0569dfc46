package io.reasonflow.testing.flink;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A trivial streaming job with keyed RocksDB state and checkpoints, for the TaskManager-loss test:
 * 1..n, slowed to about {@code perSecond} numbers a second so the job outlives a TaskManager kill,
 * keyed by parity, with a running count in keyed state. Submitted to the session cluster in a jar
 * the test builds from this class alone (the cluster supplies Flink). Args: {@code n perSecond
 * checkpointMillis}.
 */
public final class CheckpointedCountJob {
  private CheckpointedCountJob() {}

  public static void main(String[] args) throws Exception {
    long n = Long.parseLong(args[0]);
    long perSecond = Long.parseLong(args[1]);
    long checkpointMillis = Long.parseLong(args[2]);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.enableCheckpointing(checkpointMillis);
    env.setParallelism(2);
    env.fromSource(new NumberSequenceSource(1, n), WatermarkStrategy.noWatermarks(), "numbers")
        .uid("numbers")
        .map(new Throttle(perSecond))
        .uid("throttle")
        .keyBy(x -> x % 2)
        .map(new RunningCount())
        .uid("running-count")
        .sinkTo(
            new org.apache.flink.api.connector.sink2.Sink<Long>() {
              private static final long serialVersionUID = 1L;

              @Override
              public org.apache.flink.api.connector.sink2.SinkWriter<Long> createWriter(
                  org.apache.flink.api.connector.sink2.WriterInitContext context) {
                return new org.apache.flink.api.connector.sink2.SinkWriter<>() {
                  @Override
                  public void write(Long element, Context c) {}

                  @Override
                  public void flush(boolean endOfInput) {}

                  @Override
                  public void close() {}
                };
              }
            })
        .name("discard");
    env.execute("checkpointed-count");
  }

  /**
   * Sleeps between records in the first attempt, so that it runs for n / perSecond seconds and
   * surely outlives the TaskManager kill; an attempt restored after the kill runs at full speed
   * (its slowness would only make the test wait: what it checks is that the job restores from a
   * checkpoint and finishes).
   */
  static final class Throttle extends RichMapFunction<Long, Long> {
    private static final long serialVersionUID = 1L;
    private final long perSecond;

    Throttle(long perSecond) {
      this.perSecond = perSecond;
    }

    @Override
    public Long map(Long value) throws Exception {
      if (getRuntimeContext().getTaskInfo().getAttemptNumber() == 0) {
        Thread.sleep(Math.max(1, 1000 / perSecond));
      }
      return value;
    }
  }

  /** Count per key in keyed state: what a checkpoint must carry across the restart. */
  static final class RunningCount extends RichMapFunction<Long, Long> {
    private static final long serialVersionUID = 1L;
    private transient ValueState<Long> count;

    @Override
    public void open(OpenContext context) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
    }

    @Override
    public Long map(Long value) throws Exception {
      long c = count.value() == null ? 1 : count.value() + 1;
      count.update(c);
      return c;
    }
  }
}
