package io.reasonflow.features.sinks;

import java.io.Serializable;

/**
 * The identity of an output record: what a store upserts by and what a Kafka record is keyed
 * (compacted) by.
 */
@FunctionalInterface
public interface RecordKey<T> extends Serializable {
  String key(T record);
}
