package io.reasonflow.testing;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.server.common.TransactionVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka server itself (KRaft, broker+controller, node 1) inside the current JVM. Needs {@code
 * kafka_2.13} and the exactly matching {@code kafka-clients} on the class path. Used by {@link
 * KafkaBrokerMain} (the child JVM of a forked {@link KafkaBroker}) and by {@link
 * KafkaBroker.Builder#inProcess(boolean) in-process} brokers.
 */
final class EmbeddedKafkaServer {

  static final String HOST = "127.0.0.1";
  static final int NODE_ID = 1;

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaServer.class);

  static {
    // A fatal fault in the broker calls Exit.halt/exit, which would kill the (test) JVM. Turn it
    // into an exception.
    Exit.setHaltProcedure(
        (status, message) -> {
          LOG.error("Kafka requested JVM halt({}): {} (suppressed)", status, message);
          throw new IllegalStateException("Kafka requested halt(" + status + "): " + message);
        });
    Exit.setExitProcedure(
        (status, message) -> {
          LOG.error("Kafka requested JVM exit({}): {} (suppressed)", status, message);
          throw new IllegalStateException("Kafka requested exit(" + status + "): " + message);
        });
  }

  private final Path dataDir;
  private final Map<String, String> config;
  private final Short transactionVersion;
  private KafkaRaftServer server;

  EmbeddedKafkaServer(
      int port,
      int controllerPort,
      Path dataDir,
      Map<String, String> overrides,
      Short transactionVersion) {
    this.dataDir = dataDir;
    this.config = brokerConfig(port, controllerPort, dataDir, overrides);
    this.transactionVersion = transactionVersion;
  }

  /** Formats the log directory if it is new, then starts; returns once the broker is unfenced. */
  synchronized void start() {
    if (server != null) {
      return;
    }
    KafkaConfig kafkaConfig = new KafkaConfig(config, false);
    try {
      if (!Files.exists(dataDir.resolve("meta.properties"))) {
        format(kafkaConfig);
      }
    } catch (Exception e) {
      throw new IllegalStateException("Could not format Kafka storage in " + dataDir, e);
    }
    KafkaRaftServer s = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
    try {
      s.startup();
    } catch (RuntimeException e) {
      try {
        s.shutdown();
        s.awaitShutdown();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    server = s;
  }

  synchronized void stop() {
    KafkaRaftServer s = server;
    server = null;
    if (s != null) {
      s.shutdown();
      s.awaitShutdown();
    }
  }

  private void format(KafkaConfig kafkaConfig) throws Exception {
    Files.createDirectories(dataDir);
    Formatter formatter =
        new Formatter()
            .setClusterId(Uuid.randomUuid().toString())
            .setNodeId(NODE_ID)
            .setDirectories(List.of(dataDir.toString()))
            .setMetadataLogDirectory(kafkaConfig.metadataLogDir())
            .setControllerListenerName("CONTROLLER")
            .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
            .setIgnoreFormatted(true)
            .setPrintStream(new PrintStream(OutputStream.nullOutputStream()));
    if (transactionVersion != null) {
      formatter.setFeatureLevel(TransactionVersion.FEATURE_NAME, transactionVersion);
    }
    formatter.run();
  }

  /** The broker settings: single node on 127.0.0.1, sized for tests on a small machine. */
  static Map<String, String> brokerConfig(
      int port, int controllerPort, Path dataDir, Map<String, String> overrides) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("process.roles", "broker,controller");
    c.put("node.id", String.valueOf(NODE_ID));
    c.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    c.put(
        "listeners",
        "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
    c.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    c.put("controller.listener.names", "CONTROLLER");
    c.put("inter.broker.listener.name", "PLAINTEXT");
    c.put("log.dirs", dataDir.toString());
    // single node: every internal topic has one replica
    c.put("offsets.topic.replication.factor", "1");
    c.put("offsets.topic.num.partitions", "5");
    c.put("transaction.state.log.replication.factor", "1");
    c.put("transaction.state.log.min.isr", "1");
    c.put("transaction.state.log.num.partitions", "5");
    c.put("share.coordinator.state.topic.replication.factor", "1");
    c.put("share.coordinator.state.topic.min.isr", "1");
    c.put("default.replication.factor", "1");
    c.put("min.insync.replicas", "1");
    c.put("num.partitions", "1");
    c.put("group.initial.rebalance.delay.ms", "0");
    c.put("transaction.max.timeout.ms", String.valueOf(KafkaBroker.TRANSACTION_MAX_TIMEOUT_MS));
    // small footprint on a 2-core machine
    c.put("num.network.threads", "2");
    c.put("num.io.threads", "2");
    c.put("background.threads", "2");
    c.put("num.recovery.threads.per.data.dir", "1");
    c.put("num.replica.fetchers", "1");
    c.put("log.cleaner.threads", "1");
    c.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
    c.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
    // Each partition's active segment preallocates its offset and time index at this size (default
    // 10 MB each, 20 MB a partition): 1 MB indexes 512 MB of log at the default
    // index.interval.bytes, more than a test's 64 MB segment holds.
    c.put("log.index.size.max.bytes", String.valueOf(1024 * 1024));
    c.put("auto.create.topics.enable", "true");
    c.put("delete.topic.enable", "true");
    c.put("controlled.shutdown.enable", "true");
    c.putAll(overrides);
    return c;
  }
}
