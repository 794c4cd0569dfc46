package io.reasonflow.features.sources;

import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Hides records without an event time from a watermark generator. Such a record (a dead letter)
 * says nothing about how far event time has come, so it must neither move the watermark nor count
 * as activity: a partition that only delivers garbage goes idle like a silent one instead of
 * holding every other partition's event time back forever. (Passing it on with the previous
 * record's time instead would not do: the timestamp assigner is shared by all the partitions a
 * subtask reads, and the record would still keep its partition from going idle.)
 */
public final class SkipRecordsWithoutTime<T> implements WatermarkGenerator<T> {
  private final WatermarkGenerator<T> generator;

  public SkipRecordsWithoutTime(WatermarkGenerator<T> generator) {
    this.generator = generator;
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    if (eventTimestamp != TimestampAssigner.NO_TIMESTAMP) {
      generator.onEvent(event, eventTimestamp, output);
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    generator.onPeriodicEmit(output);
  }
}
