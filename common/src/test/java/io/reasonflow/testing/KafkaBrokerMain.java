package io.reasonflow.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a single-node KRaft Kafka broker on 127.0.0.1 until stopped: the child JVM of a {@link
 * KafkaBroker}, and a tool for CI or manual runs.
 *
 * <p>Command line, from the repository root (the first line builds the test classes and writes the
 * broker's class path, {@code
 * common/target/test-classes/io/reasonflow/testing/kafka-broker.classpath}):
 *
 * <pre>
 * ./mvnw -q -B -pl common test-compile
 * java -cp common/target/test-classes:$(cat common/target/test-classes/io/reasonflow/testing/kafka-broker.classpath) \
 *     io.reasonflow.testing.KafkaBrokerMain --port 9092 --log-dir /tmp/rf-kafka
 * </pre>
 *
 * Once the broker serves clients it prints {@code bootstrap=127.0.0.1:PORT} (then {@code
 * controller=...} and {@code logdir=...}) on standard output and blocks; Ctrl-C / SIGTERM shuts it
 * down cleanly (controlled shutdown). Logging: log4j2 from the class path ({@code log4j2-test.xml}
 * in common's test classes: WARN, Kafka at ERROR).
 *
 * <p>Options (all optional):
 *
 * <ul>
 *   <li>{@code --port N}: client port (default: a free port; read it from the printed line)
 *   <li>{@code --controller-port N}: KRaft controller port (default: a free port)
 *   <li>{@code --log-dir DIR}: base directory, data in {@code DIR/data}; kept, and reused (topics
 *       and data survive) if already formatted. Default: a temp directory deleted on exit.
 *   <li>{@code --config key=value}: any broker setting, repeatable.
 *   <li>{@code --transaction-version N}: {@code transaction.version} feature level at format time
 *       (default: Kafka's latest production level, 2).
 *   <li>{@code --exit-on-stdin-eof}: stop when standard input closes (used by {@link KafkaBroker}
 *       so that a dying test JVM takes its broker with it).
 * </ul>
 */
public final class KafkaBrokerMain {

  private KafkaBrokerMain() {}

  public static void main(String[] args) throws Exception {
    int port = 0;
    int controllerPort = 0;
    Path baseDir = null;
    Short transactionVersion = null;
    boolean exitOnStdinEof = false;
    Map<String, String> overrides = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--port" -> port = Integer.parseInt(value(args, ++i, arg));
        case "--controller-port" -> controllerPort = Integer.parseInt(value(args, ++i, arg));
        case "--log-dir" -> baseDir = Path.of(value(args, ++i, arg)).toAbsolutePath();
        case "--transaction-version" ->
            transactionVersion = Short.parseShort(value(args, ++i, arg));
        case "--exit-on-stdin-eof" -> exitOnStdinEof = true;
        case "--config" -> {
          String kv = value(args, ++i, arg);
          int eq = kv.indexOf('=');
          if (eq <= 0) {
            usage("--config needs key=value, got " + kv);
          }
          overrides.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        case "-h", "--help" -> usage(null);
        default -> usage("unknown option " + arg);
      }
    }
    port = port > 0 ? port : KafkaBroker.freePort();
    while (controllerPort <= 0 || controllerPort == port) {
      controllerPort = KafkaBroker.freePort();
    }
    boolean tempDir = baseDir == null;
    Path base = tempDir ? Files.createTempDirectory("rf-kafka-") : Files.createDirectories(baseDir);
    Path dataDir = base.resolve("data");

    EmbeddedKafkaServer server =
        new EmbeddedKafkaServer(port, controllerPort, dataDir, overrides, transactionVersion);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.stop();
                  } finally {
                    if (tempDir) {
                      KafkaBroker.deleteRecursively(base);
                    }
                    stopped.countDown();
                  }
                },
                "kafka-broker-main-shutdown"));
    server.start();
    System.out.println("bootstrap=" + EmbeddedKafkaServer.HOST + ":" + port);
    System.out.println("controller=" + EmbeddedKafkaServer.HOST + ":" + controllerPort);
    System.out.println("logdir=" + dataDir);
    System.out.flush();
    if (exitOnStdinEof) {
      Thread watcher =
          new Thread(
              () -> {
                try {
                  while (System.in.read() >= 0) {
                    // ignore input
                  }
                } catch (IOException ignored) {
                  // treat as EOF
                }
                System.exit(0); // runs the shutdown hook
              },
              "kafka-broker-main-stdin");
      watcher.setDaemon(true);
      watcher.start();
    }
    stopped.await();
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      usage(option + " needs a value");
    }
    return args[i];
  }

  private static void usage(String error) {
    if (error != null) {
      System.err.println("error: " + error);
    }
    System.err.println(
        "usage: KafkaBrokerMain [--port N] [--controller-port N] [--log-dir DIR]"
            + " [--config key=value]... [--transaction-version N] [--exit-on-stdin-eof]");
    System.exit(error == null ? 0 : 2);
  }
}
