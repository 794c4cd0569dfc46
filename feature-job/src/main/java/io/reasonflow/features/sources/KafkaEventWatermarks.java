package io.reasonflow.features.sources;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The events source's watermarks, given to {@code env.fromSource}, so that the Kafka source
 * generates them per partition (split) and forwards the minimum over its partitions. Generated
 * after the source instead, one watermark would cover all partitions a subtask reads: a partition
 * that runs ahead would push it on, and the events of a partition that starts or lags behind would
 * be late although each partition is in order.
 *
 * <p>Per partition: event time minus the out-of-orderness bound, and a partition with no events for
 * the idleness timeout stops holding the watermark back. Dead letters take no part ({@link
 * SkipRecordsWithoutTime}).
 */
public final class KafkaEventWatermarks implements WatermarkStrategy<KafkaEvent> {
  private static final long serialVersionUID = 1L;
  private final WatermarkStrategy<KafkaEvent> perPartition;

  public KafkaEventWatermarks(Duration outOfOrderness, Duration idleness) {
    this.perPartition =
        WatermarkStrategy.<KafkaEvent>forBoundedOutOfOrderness(outOfOrderness)
            .withIdleness(idleness);
  }

  @Override
  public WatermarkGenerator<KafkaEvent> createWatermarkGenerator(
      WatermarkGeneratorSupplier.Context context) {
    return new SkipRecordsWithoutTime<>(perPartition.createWatermarkGenerator(context));
  }

  @Override
  public KafkaEventTime createTimestampAssigner(TimestampAssignerSupplier.Context context) {
    return new KafkaEventTime();
  }
}
