package io.reasonflow.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The test broker against itself: real KRaft broker, real clients. */
class KafkaBrokerTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @Test
  void producesAndConsumesAThousandRecords(KafkaBroker broker) {
    broker.createTopic("thousand", 3);
    List<String> keys = IntStream.range(0, 1000).mapToObj(i -> "user-" + (i % 17)).toList();
    List<String> values = IntStream.range(0, 1000).mapToObj(i -> "event-" + i).toList();

    broker.produce("thousand", keys, values);
    List<ConsumerRecord<String, String>> records = broker.consumeAllRecords("thousand", TIMEOUT);

    assertThat(records).hasSize(1000);
    assertThat(records)
        .extracting(ConsumerRecord::value)
        .containsExactlyInAnyOrderElementsOf(values);
    assertThat(records).extracting(ConsumerRecord::partition).containsOnly(0, 1, 2);
    // one key -> one partition, and within a key the production order is kept
    for (int k = 0; k < 17; k++) {
      String key = "user-" + k;
      List<ConsumerRecord<String, String>> ofKey =
          records.stream().filter(r -> r.key().equals(key)).toList();
      assertThat(ofKey)
          .extracting(ConsumerRecord::partition)
          .containsOnly(ofKey.get(0).partition());
      assertThat(ofKey).extracting(r -> Integer.parseInt(r.value().substring(6))).isSorted();
    }
    assertThat(broker.consumeAll("thousand", TIMEOUT)).hasSize(1000);
    assertThat(broker.topics()).contains("thousand");
  }

  @Test
  void readCommittedSeesCommittedButNotAbortedOrOpenTransactions(KafkaBroker broker)
      throws Exception {
    broker.createTopic("tx", 2);
    try (KafkaProducer<String, String> producer = broker.newTransactionalProducer("tx-test-1")) {
      producer.beginTransaction();
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>("tx", "k" + i, "committed-a-" + i));
      }
      producer.commitTransaction();

      producer.beginTransaction();
      for (int i = 0; i < 5; i++) {
        producer.send(new ProducerRecord<>("tx", "k" + i, "aborted-" + i));
      }
      producer.flush(); // really written to the log before the abort
      producer.abortTransaction();

      producer.beginTransaction();
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>("tx", "k" + i, "committed-b-" + i));
      }
      producer.commitTransaction();

      producer.beginTransaction(); // left open: invisible to read_committed
      producer.send(new ProducerRecord<>("tx", "k0", "open-0"));
      producer.flush();

      // commitTransaction() returns before the coordinator has written the markers: wait for them
      List<String> committed = broker.awaitValues("tx", 20, TIMEOUT);
      assertThat(committed).hasSize(20).allMatch(v -> v.startsWith("committed-"));

      List<String> uncommitted = readUncommitted(broker, "tx");
      assertThat(uncommitted).hasSize(26).filteredOn(v -> v.startsWith("aborted-")).hasSize(5);
      assertThat(uncommitted).contains("open-0");

      producer.commitTransaction();
    }
    assertThat(broker.awaitValues("tx", 21, TIMEOUT))
        .hasSize(21)
        .contains("open-0")
        .noneMatch(v -> v.startsWith("aborted-"));
  }

  @Test
  void rejectsTransactionTimeoutsAboveFifteenMinutes(KafkaBroker broker) {
    assertThat(KafkaBroker.TRANSACTION_MAX_TIMEOUT_MS).isEqualTo(900_000);
    try (KafkaProducer<String, String> producer =
        broker.newProducer(
            Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "tx-too-long",
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                3_600_000))) { // Flink's default: 1 h
      // the client wraps the broker's INVALID_TRANSACTION_TIMEOUT into a KafkaException with its
      // message
      assertThatThrownBy(producer::initTransactions)
          .isInstanceOf(KafkaException.class)
          .hasMessageContaining("transaction.max.timeout.ms");
    }
  }

  @Test
  void restartKeepsDataAndPorts(KafkaBroker broker) {
    broker.createTopic("durable", 2);
    broker.produce("durable", IntStream.range(0, 100).mapToObj(i -> "before-" + i).toList());
    int port = broker.port();

    broker.stop(); // a "broker down" window, as a fault test would use
    assertThat(broker.isRunning()).isFalse();
    assertThat(isListening(port)).isFalse();
    broker.restart();

    assertThat(broker.isRunning()).isTrue();
    assertThat(broker.port()).isEqualTo(port);
    assertThat(broker.consumeAll("durable", TIMEOUT)).hasSize(100);
    broker.produce("durable", List.of("after-0", "after-1"));
    assertThat(broker.consumeAll("durable", TIMEOUT)).hasSize(102).contains("after-1");
  }

  /**
   * Closing releases both ports and deletes the broker's fresh directory, here one under a given
   * folder, which is left empty. (One broker for both: each start is a JVM of its own, several
   * seconds of the suite.)
   */
  @Test
  void closeReleasesPortsAndDeletesItsDirectoryUnderAGivenFolder(@TempDir Path parent)
      throws IOException {
    KafkaBroker broker = KafkaBroker.builder().tempDirUnder(parent.resolve("target")).start();
    int port = broker.port();
    int controllerPort = broker.controllerPort();
    Path logDir = broker.logDir();
    broker.createTopic("sized", 1);
    broker.produce("sized", List.of("x".repeat(100_000)));
    assertThat(logDir).startsWith(parent.resolve("target"));
    assertThat(broker.diskBytes()).as("the record and the metadata log").isGreaterThan(100_000);
    assertThat(isListening(port)).isTrue();
    assertThat(isListening(controllerPort)).isTrue();
    assertThat(Files.exists(logDir)).isTrue();

    broker.close();

    assertThat(isListening(port)).isFalse();
    assertThat(isListening(controllerPort)).isFalse();
    assertThat(Files.exists(logDir.getParent())).isFalse();
    try (var left = Files.list(parent.resolve("target"))) {
      assertThat(left).as("nothing left behind under the given folder").isEmpty();
    }
    broker.close(); // idempotent
  }

  private static List<String> readUncommitted(KafkaBroker broker, String topic) {
    Map<String, Object> cfg = broker.consumerConfig(null);
    cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cfg)) {
      List<TopicPartition> tps =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> end = consumer.endOffsets(tps); // high watermark
      List<String> out = new ArrayList<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(r -> out.add(r.value()));
      }
      return out;
    }
  }

  private static boolean isListening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
