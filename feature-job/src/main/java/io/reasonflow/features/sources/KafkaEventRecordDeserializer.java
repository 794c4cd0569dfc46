package io.reasonflow.features.sources;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Keeps each record's value as bytes with its topic, partition and offset; never fails on content. */
public final class KafkaEventRecordDeserializer implements KafkaRecordDeserializationSchema<KafkaEventRecord> {
  private static final long serialVersionUID = 1L;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KafkaEventRecord> out) {
    out.collect(new KafkaEventRecord(record.topic(), record.partition(), record.offset(), record.value()));
  }

  @Override
  public TypeInformation<KafkaEventRecord> getProducedType() {
    return TypeInformation.of(KafkaEventRecord.class);
  }
}
