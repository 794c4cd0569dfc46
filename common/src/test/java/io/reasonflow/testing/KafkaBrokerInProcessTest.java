package io.reasonflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The in-process mode (broker inside the test JVM), where the class path allows it. */
class KafkaBrokerInProcessTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Test
  void roundTripTransactionsAndRestartInProcess() throws Exception {
    int port;
    try (KafkaBroker broker = KafkaBroker.builder().inProcess(true).start()) {
      port = broker.port();
      assertThat(broker.isInProcess()).isTrue();
      broker.createTopic("ip", 2);
      broker.produce("ip", IntStream.range(0, 1000).mapToObj(i -> "v" + i).toList());
      try (KafkaProducer<String, String> producer = broker.newTransactionalProducer("ip-tx")) {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("ip", "aborted"));
        producer.flush();
        producer.abortTransaction();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("ip", "committed"));
        producer.commitTransaction();
      }
      broker.restart();
      List<String> values = broker.consumeAll("ip", TIMEOUT);
      assertThat(values).hasSize(1001).contains("committed").doesNotContain("aborted");
    }
    String suffix = "-" + port;
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .noneMatch(n -> n.contains("socket-acceptor") && n.endsWith(suffix));
  }
}
