package io.reasonflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, single-node Apache Kafka broker for tests: KRaft mode ({@code
 * process.roles=broker,controller}) from the {@code org.apache.kafka:kafka_2.13} artifact, on
 * 127.0.0.1 with free ports. No Docker, no mocks.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start()) {
 *     kafka.createTopic("events", 3);
 *     kafka.produce("events", List.of("a", "b"));
 *     List<String> values = kafka.consumeAll("events", Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * In JUnit tests prefer {@link KafkaBrokerExtension} (one broker per test class).
 *
 * <h2>How it runs: a child JVM by default</h2>
 *
 * The broker runs in a child JVM ({@link KafkaBrokerMain}) whose class path is the one {@code
 * reasonflow-common}'s build resolved for {@code kafka_2.13} (resource {@value
 * #CLASSPATH_RESOURCE}, written by the {@code maven-dependency-plugin} at {@code
 * generate-test-resources}), plus this class's own jar/directory. Reason: the broker needs
 * <em>exactly</em> its own {@code kafka-clients} (4.4.0), while a Flink job's test class path must
 * carry the {@code kafka-clients} that {@code flink-connector-kafka} was compiled against:
 * connector 5.0.0-2.2 + kafka-clients 4.4.0 fails in exactly-once mode with {@code
 * NoSuchMethodError: TransactionalRequestResult.await()}. In a child JVM the two never meet, a
 * broker crash cannot halt the test JVM, and "broker restart" is a real process restart. This class
 * itself uses only public {@code kafka-clients} API (Admin/Producer/Consumer), which works with any
 * 3.x/4.x client on the caller's class path. The child exits when the test JVM dies (it watches its
 * stdin) and writes its log to {@code broker.log} in the broker's directory (level: system property
 * {@code rf.kafka.log.level}, default WARN); the tail is put into the exception if it fails to
 * start.
 *
 * <p>{@link Builder#inProcess(boolean) inProcess(true)} (or {@code -Drf.kafka.inprocess=true}) runs
 * the server in the test JVM instead: faster (~1 s vs ~3 s per start), but only when the class path
 * has {@code kafka_2.13} and the matching {@code kafka-clients}, as {@code reasonflow-common}'s
 * does.
 *
 * <p>Storage is formatted with Kafka's own {@code org.apache.kafka.metadata.storage.Formatter}
 * (what {@code kafka-storage.sh format} runs; static quorum {@code controller.quorum.voters}), then
 * {@code kafka.server.KafkaRaftServer} runs broker and controller. {@link #restart()} stops the
 * server and starts it again on the same ports and log directory, so data survives; {@link
 * #close()} stops it and deletes the temp directory (unless the directory was supplied by the
 * caller).
 *
 * <p>Broker settings for tests: replication factor / min ISR 1 for the internal topics, {@code
 * group.initial.rebalance.delay.ms=0}, and {@code transaction.max.timeout.ms} = {@value
 * #TRANSACTION_MAX_TIMEOUT_MS} (15 min). Flink exactly-once Kafka sinks must set their producer's
 * {@code transaction.timeout.ms} below that (Flink's default of 1 h is rejected by the broker).
 */
public final class KafkaBroker implements AutoCloseable {

  /** {@code transaction.max.timeout.ms} of the broker: 15 minutes. */
  public static final int TRANSACTION_MAX_TIMEOUT_MS = 900_000;

  /** Class path of the broker's child JVM, one line, written by common's build. */
  public static final String CLASSPATH_RESOURCE = "/io/reasonflow/testing/kafka-broker.classpath";

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
  private static final String HOST = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final int port;
  private final int controllerPort;
  private final Path baseDir;
  private final boolean deleteBaseDir;
  private final Path dataDir;
  private final Map<String, String> overrides;
  private final Short transactionVersion;
  private final boolean inProcess;

  private volatile Runner runner;
  private volatile boolean closed;

  private KafkaBroker(Builder b) throws IOException {
    this.port = b.port > 0 ? b.port : freePort();
    int cp = b.controllerPort > 0 ? b.controllerPort : freePort();
    while (cp == this.port) {
      cp = freePort();
    }
    this.controllerPort = cp;
    if (b.logDir != null) {
      this.baseDir = b.logDir.toAbsolutePath();
      Files.createDirectories(baseDir);
      this.deleteBaseDir = false;
    } else if (b.tempParent != null) {
      Path parent = Files.createDirectories(b.tempParent.toAbsolutePath());
      this.baseDir = Files.createTempDirectory(parent, "kafka-");
      this.deleteBaseDir = true;
    } else {
      this.baseDir = Files.createTempDirectory("rf-kafka-");
      this.deleteBaseDir = true;
    }
    this.dataDir = baseDir.resolve("data");
    this.transactionVersion = b.transactionVersion;
    this.overrides = Map.copyOf(b.overrides);
    this.inProcess = b.inProcess != null ? b.inProcess : Boolean.getBoolean("rf.kafka.inprocess");
  }

  /** Starts a broker on free ports with a temp log directory (deleted by {@link #close()}). */
  public static KafkaBroker start() {
    return builder().start();
  }

  /** For fixed ports, a kept log directory, extra broker settings or in-process mode. */
  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------------------------------
  // lifecycle

  /** One way of running the server. */
  private interface Runner {
    void start() throws Exception;

    void stop() throws Exception;
  }

  private synchronized void startServer() {
    if (closed) {
      throw new IllegalStateException("KafkaBroker is closed");
    }
    if (runner != null) {
      return;
    }
    long t0 = System.nanoTime();
    Runner r = inProcess ? new InProcessRunner() : new ForkedRunner();
    try {
      r.start();
    } catch (Exception e) {
      try {
        r.stop();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IllegalStateException(
          "Kafka broker failed to start on "
              + bootstrapServers()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          e);
    }
    runner = r;
    awaitReady(Duration.ofSeconds(30));
    LOG.info(
        "Kafka broker up at {} (controller {}, {}) in {} ms, log dir {}",
        bootstrapServers(),
        controllerPort,
        inProcess ? "in-process" : "child JVM",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
        dataDir);
  }

  /** The server inside this JVM. */
  private final class InProcessRunner implements Runner {
    private EmbeddedKafkaServer server;

    @Override
    public void start() {
      server =
          new EmbeddedKafkaServer(port, controllerPort, dataDir, overrides, transactionVersion);
      server.start();
    }

    @Override
    public void stop() {
      if (server != null) {
        server.stop();
      }
    }
  }

  /** The server in a child JVM running {@link KafkaBrokerMain}. */
  private final class ForkedRunner implements Runner {
    private final Path out;
    private Process process;

    ForkedRunner() {
      this.out = baseDir.resolve("broker.log");
    }

    @Override
    public void start() throws Exception {
      String classpath = childClasspath();
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xms64m");
      cmd.add("-Xmx512m");
      cmd.add("-XX:+UseSerialGC");
      cmd.add(
          "-XX:TieredStopAtLevel=1"); // C1 only: starts faster; a test broker carries little load
      cmd.add("-Dlog4j2.configurationFile=io/reasonflow/testing/kafka-broker-log4j2.xml");
      cmd.add("-Drf.kafka.log.level=" + System.getProperty("rf.kafka.log.level", "WARN"));
      cmd.add("-cp");
      cmd.add(classpath);
      cmd.add(KafkaBrokerMain.class.getName());
      cmd.add("--port");
      cmd.add(String.valueOf(port));
      cmd.add("--controller-port");
      cmd.add(String.valueOf(controllerPort));
      cmd.add("--log-dir");
      cmd.add(baseDir.toString());
      cmd.add("--exit-on-stdin-eof");
      if (transactionVersion != null) {
        cmd.add("--transaction-version");
        cmd.add(String.valueOf(transactionVersion));
      }
      for (Map.Entry<String, String> e : overrides.entrySet()) {
        cmd.add("--config");
        cmd.add(e.getKey() + "=" + e.getValue());
      }
      long from = Files.exists(out) ? Files.size(out) : 0;
      process =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
              .start(); // stdin stays a pipe: the child exits when it reaches EOF, i.e. when we die
      CHILDREN.add(process);
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      String expected = "bootstrap=" + HOST + ":" + port;
      while (true) {
        String text = readFrom(out, from);
        if (text.lines().anyMatch(expected::equals)) {
          return;
        }
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "child JVM exited with " + process.exitValue() + "; " + out + ":\n" + tail(text));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "child JVM did not report '"
                  + expected
                  + "' within "
                  + START_TIMEOUT
                  + "; "
                  + out
                  + ":\n"
                  + tail(text));
        }
        Thread.sleep(50);
      }
    }

    @Override
    public void stop() throws InterruptedException {
      Process p = process;
      if (p == null) {
        return;
      }
      p.destroy(); // SIGTERM: KafkaBrokerMain's shutdown hook does a controlled shutdown
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        LOG.warn("Kafka child JVM {} did not stop within 30 s; killing it", p.pid());
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
      CHILDREN.remove(p);
    }
  }

  /** Child JVMs still running; destroyed if the test JVM exits without closing its brokers. */
  private static final Set<Process> CHILDREN = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> CHILDREN.forEach(Process::destroyForcibly), "kafka-broker-children-reaper"));
  }

  /**
   * This class's jar or directory, then the class path from {@link #CLASSPATH_RESOURCE} (or,
   * overriding it, system property {@code rf.kafka.broker.classpath}; without either, this JVM's
   * class path).
   */
  static String childClasspath() {
    String own;
    try {
      own =
          Path.of(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot locate the jar of " + KafkaBroker.class, e);
    }
    String deps = System.getProperty("rf.kafka.broker.classpath");
    if (deps == null) {
      try (var in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
        deps =
            in == null
                ? null
                : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (deps == null || deps.isEmpty()) {
      LOG.warn(
          "No {} resource; the Kafka child JVM uses this JVM's class path", CLASSPATH_RESOURCE);
      deps = System.getProperty("java.class.path");
    }
    for (String entry : deps.split(java.io.File.pathSeparator)) {
      if (!entry.isEmpty() && !Files.exists(Path.of(entry))) {
        throw new IllegalStateException(
            "Kafka broker class path entry "
                + entry
                + " is missing; "
                + "rebuild reasonflow-common (./mvnw -pl common test-compile) so Maven resolves it");
      }
    }
    return own + java.io.File.pathSeparator + deps;
  }

  private static String readFrom(Path file, long from) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    byte[] all = Files.readAllBytes(file);
    int start = (int) Math.min(from, all.length);
    return new String(all, start, all.length - start, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String tail(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private void awaitReady(Duration timeout) {
    try (Admin admin = admin()) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "Kafka broker at " + bootstrapServers() + " not ready", e);
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Kafka broker at " + bootstrapServers() + " has no nodes");
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Stops the broker (controlled shutdown) but keeps its ports and log directory; {@link
   * #restart()} brings it back. For "broker down for a while" fault tests.
   */
  public synchronized void stop() {
    Runner r = runner;
    if (r == null) {
      return;
    }
    runner = null;
    try {
      r.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop Kafka broker " + bootstrapServers(), e);
    }
  }

  /**
   * Stops (if running) and starts the broker again on the same ports and log directory: data
   * survives.
   */
  public synchronized void restart() {
    stop();
    startServer();
  }

  /** Whether the broker is currently up. */
  public boolean isRunning() {
    return runner != null;
  }

  /** Whether the server runs in this JVM (else in a child JVM). */
  public boolean isInProcess() {
    return inProcess;
  }

  /**
   * Stops the broker and deletes the temp log directory (a caller-supplied directory is kept).
   * Prints the size of the broker's data first: topic data only grows during a test (no retention
   * runs in minutes), so this is the test's peak, and a test that writes far more than it needs
   * shows up here.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    try {
      stop();
    } finally {
      closed = true;
      System.err.printf(
          "[kafka] broker data at close: %,.1f MB (apparent size) in %s%s%n",
          diskBytes() / 1e6, baseDir, deleteBaseDir ? ", deleted" : ", kept");
      if (deleteBaseDir) {
        deleteRecursively(baseDir);
      }
    }
  }

  /**
   * Apparent size of the files under the broker's directory (log dir, metadata log, broker.log):
   * preallocated index files count in full, so {@code du} may show less.
   */
  public long diskBytes() {
    if (!Files.exists(baseDir)) {
      return 0;
    }
    try (var files = Files.walk(baseDir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  return 0; // deleted meanwhile (a segment the broker removed)
                }
              })
          .sum();
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }

  // ------------------------------------------------------------------------------------------
  // accessors

  /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  /** The Kafka log directory (topic data and the KRaft metadata log). */
  public Path logDir() {
    return dataDir;
  }

  /** The broker settings beyond the defaults, as given to the builder (read-only). */
  public Map<String, String> configOverrides() {
    return overrides;
  }

  // ------------------------------------------------------------------------------------------
  // clients

  /** A new admin client; the caller closes it. */
  public Admin admin() {
    Map<String, Object> c = new HashMap<>();
    c.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    c.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    c.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
    return Admin.create(c);
  }

  /**
   * Base settings of a String/String producer (acks=all, idempotent); add e.g. {@code
   * transactional.id}.
   */
  public Map<String, Object> producerConfig() {
    Map<String, Object> c = new HashMap<>();
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
    return c;
  }

  /**
   * Base settings of a String/String consumer, {@code read_committed}, earliest; no group unless
   * given.
   */
  public Map<String, Object> consumerConfig(String groupIdOrNull) {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    if (groupIdOrNull != null) {
      c.put(ConsumerConfig.GROUP_ID_CONFIG, groupIdOrNull);
    } else {
      c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }
    return c;
  }

  /**
   * A new String/String producer from {@link #producerConfig()} plus overrides; the caller closes
   * it.
   */
  public KafkaProducer<String, String> newProducer(Map<String, ?> overrides) {
    Map<String, Object> c = producerConfig();
    c.putAll(overrides);
    return new KafkaProducer<>(c);
  }

  /**
   * A new transactional producer ({@code initTransactions()} already called); the caller closes it.
   */
  public KafkaProducer<String, String> newTransactionalProducer(String transactionalId) {
    KafkaProducer<String, String> p =
        newProducer(
            Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                transactionalId,
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                60_000));
    try {
      p.initTransactions();
    } catch (RuntimeException e) {
      p.close(Duration.ZERO);
      throw e;
    }
    return p;
  }

  // ------------------------------------------------------------------------------------------
  // topics & data

  /**
   * Creates a topic (replication factor 1) and waits until it is usable. Existing topics are an
   * error.
   */
  public void createTopic(String name, int partitions) {
    createTopic(name, partitions, Map.of());
  }

  /** Creates a topic with topic-level configs (e.g. {@code cleanup.policy=compact}). */
  public void createTopic(String name, int partitions, Map<String, String> topicConfig) {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(topicConfig)))
          .all()
          .get(30, TimeUnit.SECONDS);
      // wait until every partition has a leader as seen by metadata
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      Object last = null;
      while (true) {
        try {
          var desc =
              admin
                  .describeTopics(List.of(name))
                  .allTopicNames()
                  .get(10, TimeUnit.SECONDS)
                  .get(name);
          last = desc;
          if (desc.partitions().size() == partitions
              && desc.partitions().stream()
                  .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
            return;
          }
        } catch (ExecutionException e) {
          // the broker's metadata cache may lag behind the controller for a moment
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
            throw e;
          }
          last = e.getCause();
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Topic " + name + " not ready: " + last);
        }
        Thread.sleep(20);
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException tee) {
        throw tee;
      }
      throw new IllegalStateException("Could not create topic " + name, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Timed out creating topic " + name, e);
    }
  }

  /** Names of the non-internal topics. */
  public Set<String> topics() {
    try (Admin admin = admin()) {
      return admin.listTopics().names().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not list topics", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Produces values without keys (acks=all) and waits until all are acknowledged. */
  public void produce(String topic, List<String> values) {
    produce(topic, null, values);
  }

  /**
   * Produces records and waits until all are acknowledged.
   *
   * @param keys null for no keys, else one key (itself possibly null) per value
   */
  public void produce(String topic, List<String> keys, List<String> values) {
    Objects.requireNonNull(values, "values");
    if (keys != null && keys.size() != values.size()) {
      throw new IllegalArgumentException(
          "keys.size() " + keys.size() + " != values.size() " + values.size());
    }
    try (KafkaProducer<String, String> producer = newProducer(Map.of())) {
      List<Future<RecordMetadata>> acks = new ArrayList<>(values.size());
      for (int i = 0; i < values.size(); i++) {
        String key = keys == null ? null : keys.get(i);
        acks.add(producer.send(new ProducerRecord<>(topic, key, values.get(i))));
      }
      producer.flush();
      for (Future<RecordMetadata> ack : acks) {
        ack.get(60, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not produce to " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * All committed values currently in the topic, from the beginning of every partition up to its
   * last stable offset ({@code read_committed}: aborted and still-open transactions are not
   * returned), partition by partition in offset order. Uses no consumer group. Note that {@code
   * commitTransaction()} returns before the transaction coordinator has written the commit markers,
   * so a read right after it may not see that transaction yet: use {@link #awaitValues} when a
   * count is expected.
   *
   * @param timeout how long to wait for the topic to exist and to read it
   */
  public List<String> consumeAll(String topic, Duration timeout) {
    return consumeAllRecords(topic, timeout).stream()
        .map(ConsumerRecord::value)
        .collect(Collectors.toList());
  }

  /** Like {@link #consumeAll} but with keys, partitions, offsets and headers. */
  public List<ConsumerRecord<String, String>> consumeAllRecords(String topic, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(null))) {
      List<TopicPartition> partitions = awaitPartitions(consumer, topic, deadline);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end =
          consumer.endOffsets(partitions, remaining(deadline)); // LSO here
      List<ConsumerRecord<String, String>> out = new ArrayList<>();
      while (!reached(consumer, end, deadline)) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
          if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
            out.add(r);
          }
        }
      }
      out.sort(
          (a, b) ->
              a.partition() != b.partition()
                  ? Integer.compare(a.partition(), b.partition())
                  : Long.compare(a.offset(), b.offset()));
      return out;
    }
  }

  /**
   * Waits until at least {@code minCount} committed values are in the topic (e.g. output of a
   * running job) and returns all of them; fails after {@code timeout} with the count seen so far.
   */
  public List<String> awaitValues(String topic, int minCount, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> last = List.of();
    while (true) {
      try {
        last =
            consumeAll(
                topic, Duration.ofNanos(Math.max(remaining(deadline).toNanos(), 1_000_000_000L)));
      } catch (IllegalStateException | org.apache.kafka.common.errors.TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      if (last.size() >= minCount) {
        return last;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Expected at least "
                + minCount
                + " records in "
                + topic
                + " within "
                + timeout
                + ", saw "
                + last.size());
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static List<TopicPartition> awaitPartitions(
      KafkaConsumer<?, ?> consumer, String topic, long deadline) {
    while (true) {
      List<PartitionInfo> infos;
      try {
        infos = consumer.partitionsFor(topic, Duration.ofSeconds(2));
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        infos = List.of();
      }
      if (infos != null && !infos.isEmpty()) {
        return infos.stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
            .toList();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Topic " + topic + " does not exist");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static boolean reached(
      KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end, long deadline) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey(), remaining(deadline)) < e.getValue()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Timed out reading "
                  + e.getKey()
                  + ": at "
                  + consumer.position(e.getKey())
                  + " of "
                  + e.getValue());
        }
        return false;
      }
    }
    return true;
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000L));
  }

  // ------------------------------------------------------------------------------------------
  // utils

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName(HOST))) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port", e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", dir, e.toString());
    }
  }

  @Override
  public String toString() {
    return "KafkaBroker["
        + bootstrapServers()
        + ", controller "
        + controllerPort
        + ", "
        + dataDir
        + (isRunning() ? ", running" : ", stopped")
        + "]";
  }

  /** Options for {@link KafkaBroker}; {@link #start()} builds and starts. */
  public static final class Builder {
    private int port;
    private int controllerPort;
    private Path logDir;
    private Path tempParent;
    private Short transactionVersion;
    private Boolean inProcess;
    private final Map<String, String> overrides = new LinkedHashMap<>();

    private Builder() {}

    /** Client port on 127.0.0.1 (default: a free one). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Controller port on 127.0.0.1 (default: a free one). */
    public Builder controllerPort(int controllerPort) {
      this.controllerPort = controllerPort;
      return this;
    }

    /**
     * Base directory for the Kafka log dir ({@code <dir>/data}); kept on close and reused if
     * already formatted. Default: a temp directory deleted on close.
     */
    public Builder logDir(Path logDir) {
      this.logDir = logDir;
      return this;
    }

    /**
     * A fresh directory under {@code parent} (created if missing), deleted on close like the
     * default temp directory. For a machine where other builds clear stale broker directories from
     * the system temp folder: {@code tempDirUnder(Path.of("target"))} keeps the data out of their
     * way without leaving it behind.
     */
    public Builder tempDirUnder(Path parent) {
      this.tempParent = parent;
      return this;
    }

    /**
     * Any broker setting, overriding the defaults (e.g. {@code auto.create.topics.enable=false}).
     */
    public Builder config(String key, String value) {
      overrides.put(key, value);
      return this;
    }

    /** Several broker settings. */
    public Builder config(Map<String, String> settings) {
      overrides.putAll(settings);
      return this;
    }

    /**
     * The {@code transaction.version} feature level written at format time (default: Kafka's latest
     * production level, 2 in Kafka 4.x, i.e. KIP-890 epoch bump per transaction). 1 gives the
     * pre-4.0 transaction protocol.
     */
    public Builder transactionVersion(int level) {
      this.transactionVersion = (short) level;
      return this;
    }

    /**
     * Run the server in this JVM (needs {@code kafka_2.13} and its exact {@code kafka-clients} on
     * the class path) instead of a child JVM. Default: system property {@code rf.kafka.inprocess},
     * else false.
     */
    public Builder inProcess(boolean inProcess) {
      this.inProcess = inProcess;
      return this;
    }

    /** Builds and starts the broker. */
    public KafkaBroker start() {
      KafkaBroker broker;
      try {
        broker = new KafkaBroker(this);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        broker.startServer();
      } catch (RuntimeException e) {
        try {
          broker.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
      return broker;
    }
  }
}
