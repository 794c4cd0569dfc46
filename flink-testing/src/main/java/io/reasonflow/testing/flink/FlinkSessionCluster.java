package io.reasonflow.testing.flink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Flink standalone session cluster for integration tests, built from Maven Central
 * jars (flink-dist is not published there): the JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and each TaskManager ({@code TaskManagerRunner}) run in JVMs
 * of their own, started the way Flink's {@code bin/jobmanager.sh} and {@code bin/taskmanager.sh}
 * start them: memory flags and dynamic properties from {@code BashJavaUtils GET_JM_RESOURCE_PARAMS
 * / GET_TM_RESOURCE_PARAMS}, then the entry point with {@code --configDir}. Jobs are submitted
 * through the REST API ({@code /jars/upload}, {@code /jars/:id/run}) exactly as {@code flink run
 * -d} or the web UI submit a jar, so a job's {@code main} runs in the JobManager in detached mode.
 *
 * <p>Class path of the cluster JVMs: resource {@value #CLASSPATH_RESOURCE}, written by this
 * module's build from its "provided" Flink dependencies (what a distribution's {@code lib/} holds:
 * runtime, clients, streaming, runtime-web, RocksDB state backend, log4j 2), plus this module's jar
 * for {@link ParentWatch}. No Kafka, no DL4J: a job brings those in its own jar, as on a production
 * cluster.
 *
 * <p>Everything binds to 127.0.0.1 on free ports. The temp directory holds {@code
 * conf/config.yaml}, {@code log/*.log} and {@code .out}, {@code checkpoints/}, {@code savepoints/},
 * {@code upload/}, {@code tmp/}; it is deleted by {@link #close()} unless system property {@code
 * rf.flink.keep-dir=true}. Cluster JVMs die with the test JVM whatever way it ends ({@link
 * ParentWatch}, plus a shutdown hook).
 *
 * <pre>{@code
 * try (FlinkSessionCluster cluster = FlinkSessionCluster.builder().slots(2).start()) {
 *   String job = cluster.submit(jar, "io.example.Main", List.of("--config", "job.properties"));
 *   cluster.awaitJob(job, "FINISHED", Duration.ofMinutes(2));
 * }
 * }</pre>
 */
public final class FlinkSessionCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlinkSessionCluster.class);
  public static final String CLASSPATH_RESOURCE =
      "/io/reasonflow/testing/flink/flink-cluster.classpath";

  /**
   * System property with extra flags for every cluster JVM (the build sets it from
   * rf.test.jvm.extra).
   */
  public static final String EXTRA_JVM_FLAGS = "rf.test.jvm.extra";

  static final String JM_CLASS =
      "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  static final String TM_CLASS = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
  static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";

  /**
   * The prefix BashJavaUtils puts before each result line (Flink's config.sh greps for it
   * likewise).
   */
  static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

  private static final String HOST = "127.0.0.1";

  /**
   * JVM options Flink's own distribution passes on Java 17+ (env.java.opts.all in its config.yaml).
   */
  private static final List<String> FLINK_JAVA17_OPTS =
      List.of(
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.text=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  /**
   * Cluster JVMs still running in this test JVM; killed by a shutdown hook if nobody closed their
   * cluster.
   */
  private static final Set<Process> CHILDREN = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    CHILDREN.forEach(
                        p -> {
                          p.descendants().forEach(ProcessHandle::destroyForcibly);
                          p.destroyForcibly();
                        }),
                "flink-cluster-reaper"));
  }

  private final Builder settings;
  private final Path dir;
  private final Path confDir;
  private final int restPort;
  private final String classpath;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process jobManager;
  private final List<Process> taskManagers = new ArrayList<>();
  private int tmCount;

  /**
   * BashJavaUtils' result for TaskManagers (see {@link #resourceParams}), the same for every one.
   */
  private List<String> taskManagerParams;

  private long startMillis;

  private FlinkSessionCluster(Builder b) throws IOException {
    this.settings = b;
    this.dir = Files.createTempDirectory("rf-flink-");
    this.confDir = Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(dir.resolve("log"));
    this.restPort = freePort();
    this.classpath = clusterClasspath();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Cluster settings; every one has a test-sized default. */
  public static final class Builder {
    private int slots = 2;
    private String jmProcessSize = "1200m";
    private String tmProcessSize = "2560m";
    private String tmTaskOffHeap = "512m";
    private final Map<String, String> config = new LinkedHashMap<>();
    private final List<String> jvmOpts = new ArrayList<>();

    /** Task slots of each TaskManager (default 2). */
    public Builder slots(int slots) {
      this.slots = slots;
      return this;
    }

    /** {@code jobmanager.memory.process.size} (default 1200m). */
    public Builder jobManagerProcessSize(String size) {
      this.jmProcessSize = size;
      return this;
    }

    /**
     * {@code taskmanager.memory.process.size} (default 2560m) and task off-heap (default 512m, for
     * nd4j).
     */
    public Builder taskManagerMemory(String processSize, String taskOffHeap) {
      this.tmProcessSize = processSize;
      this.tmTaskOffHeap = taskOffHeap;
      return this;
    }

    /** Any further config.yaml entry (flattened key), overriding the defaults. */
    public Builder config(String key, String value) {
      config.put(key, value);
      return this;
    }

    /** Extra JVM options for both JobManager and TaskManager. */
    public Builder jvmOption(String option) {
      jvmOpts.add(option);
      return this;
    }

    /**
     * Writes the configuration, starts JobManager and one TaskManager, and waits until all slots
     * are offered.
     */
    public FlinkSessionCluster start() {
      FlinkSessionCluster c;
      try {
        c = new FlinkSessionCluster(this);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        c.startCluster();
        return c;
      } catch (RuntimeException | Error e) {
        try {
          c.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ lifecycle

  private void startCluster() {
    long t0 = System.nanoTime();
    writeConfig();
    // The TaskManager's flags depend on the configuration alone: worked out once (a JVM of its own,
    // as config.sh runs it) while the JobManager starts, and reused by every TaskManager started
    // later (after a kill).
    FutureTask<List<String>> tmParams =
        new FutureTask<>(() -> resourceParams("GET_TM_RESOURCE_PARAMS"));
    Thread worker = new Thread(tmParams, "flink-cluster-tm-params");
    worker.setDaemon(true);
    worker.start();
    jobManager =
        launch(
            "jobmanager",
            JM_CLASS,
            resourceParams("GET_JM_RESOURCE_PARAMS"),
            List.of("--executionMode", "cluster"));
    try {
      taskManagerParams = tmParams.get(90, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("BashJavaUtils GET_TM_RESOURCE_PARAMS did not finish", e);
    }
    awaitRest(Duration.ofSeconds(90));
    startTaskManager();
    startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    LOG.info(
        "session cluster up in {} ms: {} (dir {})",
        String.format("%,d", startMillis),
        restUrl(),
        dir);
  }

  /**
   * Milliseconds from {@code start()} until the REST API answered with every TaskManager slot
   * registered.
   */
  public long startMillis() {
    return startMillis;
  }

  /**
   * Starts one more TaskManager JVM (e.g. after {@link #killTaskManager()}) and waits until it has
   * registered its slots with the ResourceManager. Each TaskManager gets its name as resource id,
   * so its registration is recognised by name: a count would not do after a kill, since the dead
   * TaskManager stays registered until its heartbeat times out, which may be before or after the
   * new one registers.
   */
  public synchronized void startTaskManager() {
    String name = "taskmanager-" + (tmCount++);
    Process tm =
        launch(name, TM_CLASS, taskManagerParams, List.of("-D", "taskmanager.resource-id=" + name));
    taskManagers.add(tm);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!isRegistered(name)) {
      if (!tm.isAlive()) {
        throw new IllegalStateException(
            "TaskManager exited with " + tm.exitValue() + ":\n" + logTail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("TaskManager did not register within 90 s:\n" + logTail());
      }
      sleep(200);
    }
  }

  /**
   * Kills the most recently started live TaskManager with SIGKILL (no shutdown hooks, no goodbye to
   * the JobManager), as a crashed machine or an OOM-killed container would die, and waits until the
   * process is gone.
   *
   * @return the pid that was killed
   */
  public synchronized long killTaskManager() {
    for (int i = taskManagers.size() - 1; i >= 0; i--) {
      Process p = taskManagers.get(i);
      if (p.isAlive()) {
        long pid = p.pid();
        p.destroyForcibly(); // Process.destroyForcibly is SIGKILL on Linux
        try {
          p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        CHILDREN.remove(p);
        taskManagers.remove(i);
        return pid;
      }
    }
    throw new IllegalStateException("no live TaskManager to kill");
  }

  /**
   * The process ids of the live TaskManagers, oldest first: for measuring them from outside (their
   * resident memory and CPU time in {@code /proc}).
   */
  public synchronized List<Long> taskManagerPids() {
    return taskManagers.stream().filter(Process::isAlive).map(Process::pid).toList();
  }

  /** Live TaskManager processes started by this object. */
  public synchronized int runningTaskManagers() {
    return (int) taskManagers.stream().filter(Process::isAlive).count();
  }

  /** Stops every cluster JVM (SIGTERM, then SIGKILL after 15 s) and deletes the temp directory. */
  @Override
  public synchronized void close() {
    List<Process> all = new ArrayList<>(taskManagers);
    if (jobManager != null) {
      all.add(jobManager);
    }
    for (Process p : all) {
      p.destroy();
    }
    for (Process p : all) {
      try {
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
      CHILDREN.remove(p);
    }
    taskManagers.clear();
    jobManager = null;
    if (!Boolean.getBoolean("rf.flink.keep-dir")) {
      deleteTree(dir);
    } else {
      LOG.info("kept {}", dir);
    }
  }

  // ------------------------------------------------------------------------------------------------ REST

  /** e.g. {@code http://127.0.0.1:41234} */
  public String restUrl() {
    return "http://" + HOST + ":" + restPort;
  }

  /** The cluster's temp directory (conf/, log/, checkpoints/, savepoints/). */
  public Path directory() {
    return dir;
  }

  /** {@code execution.checkpointing.dir} of the cluster (a local directory). */
  public Path checkpointDir() {
    return dir.resolve("checkpoints");
  }

  /** {@code execution.checkpointing.savepoint-dir} of the cluster. */
  public Path savepointDir() {
    return dir.resolve("savepoints");
  }

  /**
   * Uploads {@code jar} ({@code POST /jars/upload}) and runs {@code mainClass} with {@code args}
   * ({@code POST /jars/:jarid/run}); the main method runs inside the JobManager, detached.
   *
   * @return the job id
   */
  public String submit(Path jar, String mainClass, List<String> args) {
    String jarId = uploadJar(jar);
    return runJar(jarId, mainClass, args, null);
  }

  /**
   * {@code POST /jars/upload} (multipart form field {@code jarfile}); returns the jar id for {@code
   * /jars/:id/run}.
   */
  public String uploadJar(Path jar) {
    String boundary = "rf-" + UUID.randomUUID();
    byte[] body;
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      out.write(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                  + jar.getFileName()
                  + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      Files.copy(jar, out);
      out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      body = out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + jar, e);
    }
    String json =
        send(
            HttpRequest.newBuilder(URI.create(restUrl() + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
            Duration.ofMinutes(2));
    String file = field(json, "filename");
    if (file == null) {
      throw new IllegalStateException("jar upload failed: " + json);
    }
    return file.substring(file.lastIndexOf('/') + 1);
  }

  /**
   * {@code POST /jars/:jarid/run} with {@code entryClass}, {@code programArgsList} and, when not
   * null, {@code savepointPath} (restore from a savepoint or retained checkpoint).
   */
  public String runJar(String jarId, String mainClass, List<String> args, String savepointPath) {
    StringBuilder body =
        new StringBuilder("{\"entryClass\":")
            .append(quote(mainClass))
            .append(",\"programArgsList\":[");
    for (int i = 0; i < args.size(); i++) {
      body.append(i == 0 ? "" : ",").append(quote(args.get(i)));
    }
    body.append(']');
    // The cluster's parallelism.default, when the test set one: without a parallelism in the
    // request Flink's jar-run handler runs the job at 1, whatever the cluster's configuration says
    // (flink run -d reads the configuration; the REST handler does not).
    String parallelism = settings.config.get("parallelism.default");
    if (parallelism != null) {
      body.append(",\"parallelism\":").append(Integer.parseInt(parallelism.strip()));
    }
    if (savepointPath != null) {
      body.append(",\"savepointPath\":").append(quote(savepointPath));
    }
    body.append('}');
    String json =
        send(
            HttpRequest.newBuilder(URI.create(restUrl() + "/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())),
            Duration.ofMinutes(5));
    String jobId = field(json, "jobid");
    if (jobId == null) {
      throw new IllegalStateException("job submission failed: " + json + "\n" + logTail());
    }
    return jobId;
  }

  /**
   * The job's state ({@code GET /jobs/:jobid}, field {@code state}): RUNNING, FINISHED, FAILED, ...
   */
  public String jobStatus(String jobId) {
    return field(get("/jobs/" + jobId), "state");
  }

  /**
   * Waits until the job is in {@code state}. Fails early when it reaches a different terminal state
   * (FINISHED, FAILED, CANCELED), with the job's root exception and the JobManager log's tail in
   * the message.
   */
  public void awaitJob(String jobId, String state, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String now = null;
    while (System.nanoTime() < deadline) {
      now = jobStatus(jobId);
      if (state.equals(now)) {
        return;
      }
      if (Set.of("FINISHED", "FAILED", "CANCELED").contains(now)) {
        throw new IllegalStateException(
            "job "
                + jobId
                + " is "
                + now
                + ", not "
                + state
                + "; exceptions: "
                + get("/jobs/" + jobId + "/exceptions")
                + "\n"
                + logTail());
      }
      sleep(250);
    }
    throw new IllegalStateException(
        "job "
            + jobId
            + " not "
            + state
            + " within "
            + timeout
            + " (is "
            + now
            + ")\n"
            + logTail());
  }

  /** {@code GET path} on the REST API; the JSON body as text. */
  public String get(String path) {
    return send(HttpRequest.newBuilder(URI.create(restUrl() + path)).GET(), Duration.ofSeconds(30));
  }

  /** {@code PATCH /jobs/:jobid?mode=cancel}. */
  public void cancel(String jobId) {
    send(
        HttpRequest.newBuilder(URI.create(restUrl() + "/jobs/" + jobId + "?mode=cancel"))
            .method("PATCH", HttpRequest.BodyPublishers.noBody()),
        Duration.ofSeconds(30));
  }

  /**
   * Whether the TaskManager of resource id {@code id} is registered ({@code GET /taskmanagers}).
   */
  private boolean isRegistered(String id) {
    try {
      return Pattern.compile("\"id\"\\s*:\\s*\"" + Pattern.quote(id) + "\"")
          .matcher(get("/taskmanagers"))
          .find();
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /**
   * TaskManagers registered with the ResourceManager ({@code GET /overview}, field {@code
   * taskmanagers}).
   */
  public int registeredTaskManagers() {
    try {
      String n = number(get("/overview"), "taskmanagers");
      return n == null ? 0 : Integer.parseInt(n);
    } catch (IllegalStateException e) {
      return 0;
    }
  }

  private String send(HttpRequest.Builder request, Duration timeout) {
    try {
      HttpResponse<String> r =
          http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "HTTP " + r.statusCode() + " from " + r.uri() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new IllegalStateException("REST call failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  // ------------------------------------------------------------------------------------------------ processes

  private void writeConfig() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("jobmanager.rpc.address", HOST);
    c.put("jobmanager.rpc.port", String.valueOf(freePort()));
    c.put("jobmanager.bind-host", HOST);
    c.put("jobmanager.memory.process.size", settings.jmProcessSize);
    c.put("taskmanager.bind-host", HOST);
    c.put("taskmanager.host", HOST);
    c.put("taskmanager.rpc.port", "0");
    c.put("taskmanager.data.port", "0");
    c.put("taskmanager.numberOfTaskSlots", String.valueOf(settings.slots));
    c.put("taskmanager.memory.process.size", settings.tmProcessSize);
    c.put("taskmanager.memory.task.off-heap.size", settings.tmTaskOffHeap);
    c.put("taskmanager.memory.managed.fraction", "0.2");
    c.put("parallelism.default", "1");
    c.put("rest.address", HOST);
    c.put("rest.bind-address", HOST);
    c.put("rest.port", String.valueOf(restPort));
    c.put("blob.server.port", "0");
    c.put("web.upload.dir", dir.resolve("upload").toString());
    c.put("io.tmp.dirs", dir.resolve("tmp").toString());
    c.put("state.backend.type", "rocksdb");
    c.put("execution.checkpointing.dir", checkpointDir().toUri().toString());
    c.put("execution.checkpointing.savepoint-dir", savepointDir().toUri().toString());
    c.put("execution.checkpointing.incremental", "true");
    c.put("jobmanager.execution.failover-strategy", "region");
    // A killed TaskManager is noticed within seconds, not the default 50 s; tests stay short.
    c.put("heartbeat.interval", "1000");
    c.put("heartbeat.timeout", "8000");
    c.put("restart-strategy.type", "fixed-delay");
    c.put("restart-strategy.fixed-delay.attempts", "20");
    c.put("restart-strategy.fixed-delay.delay", "1 s");
    // A lost TaskManager's slots must not be waited for long before the job's restart asks for new
    // ones.
    c.put("slot.request.timeout", "120000");
    c.putAll(settings.config);
    StringBuilder yaml =
        new StringBuilder("# written by io.reasonflow.testing.flink.FlinkSessionCluster\n");
    c.forEach((k, v) -> yaml.append(k).append(": ").append(yamlScalar(v)).append('\n'));
    String log4j =
        """
        rootLogger.level = INFO
        rootLogger.appenderRef.file.ref = MainAppender
        appender.main.name = MainAppender
        appender.main.type = File
        appender.main.append = true
        appender.main.fileName = ${sys:log.file}
        appender.main.layout.type = PatternLayout
        appender.main.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-60c %x - %m%n
        logger.pekko.name = org.apache.pekko
        logger.pekko.level = INFO
        """;
    try {
      Files.createDirectories(dir.resolve("upload"));
      Files.createDirectories(dir.resolve("tmp"));
      Files.writeString(confDir.resolve("config.yaml"), yaml);
      Files.writeString(confDir.resolve("log4j.properties"), log4j);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code BashJavaUtils <command> --configDir DIR} as Flink's {@code config.sh} does and
   * returns its two result lines: [0] JVM memory flags (-Xmx, -Xms, -XX:MaxDirectMemorySize,
   * -XX:MaxMetaspaceSize), [1] dynamic properties ({@code -D key=value ...}) the entry point takes
   * as arguments.
   */
  private List<String> resourceParams(String command) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBin());
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(BASH_JAVA_UTILS);
    cmd.add(command);
    cmd.add("--configDir");
    cmd.add(confDir.toString());
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("BashJavaUtils " + command + " did not finish");
      }
      List<String> results =
          out.lines()
              .filter(l -> l.startsWith(RESULT_PREFIX))
              .map(l -> l.substring(RESULT_PREFIX.length()).strip())
              .toList();
      if (p.exitValue() != 0 || results.size() != 2) {
        throw new IllegalStateException(
            "BashJavaUtils "
                + command
                + " exited "
                + p.exitValue()
                + ", expected 2 "
                + RESULT_PREFIX
                + " lines:\n"
                + out);
      }
      return results;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Process launch(
      String name, String mainClass, List<String> params, List<String> extraArgs) {
    Path logFile = dir.resolve("log").resolve(name + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBin());
    cmd.addAll(split(params.get(0)));
    cmd.addAll(jvmOptions());
    cmd.addAll(settings.jvmOpts);
    cmd.add("-Dlog.file=" + logFile);
    cmd.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties").toUri());
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(ParentWatch.class.getName());
    cmd.add(mainClass);
    cmd.add("--configDir");
    cmd.add(confDir.toString());
    cmd.addAll(extraArgs);
    cmd.addAll(split(params.get(1)));
    try {
      Files.writeString(dir.resolve("log").resolve(name + ".cmd"), String.join(" ", cmd) + "\n");
      // stdin stays an open pipe: ParentWatch halts the child when this JVM (its other end) is gone
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("log").resolve(name + ".out").toFile())
              .start();
      CHILDREN.add(p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Flink's Java 17+ module openings, plus this JVM's own module/native-access flags (the build
   * passes the project's {@code rf.jvm.base} to tests: Lucene's vector module, nd4j's native
   * access), so a job runs in the cluster with the same JVM flags as in the test JVM; and its JIT
   * level (the build's {@code rf.test.jit}: the cluster's JVMs are as short-lived as the test's).
   * Also the flags of the build's {@code rf.test.jvm.extra} (passed to the test JVM as a system
   * property): a test run with a narrowed vector width ({@code -XX:MaxVectorSize=16}) computes its
   * scores in the cluster with that width too.
   */
  private static List<String> jvmOptions() {
    List<String> opts = new ArrayList<>(FLINK_JAVA17_OPTS);
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if ((a.startsWith("--add-opens")
              || a.startsWith("--add-exports")
              || a.startsWith("--add-modules")
              || a.startsWith("--enable-native-access")
              || a.startsWith("--sun-misc-unsafe-memory-access")
              || a.startsWith("-XX:TieredStopAtLevel"))
          && !opts.contains(a)) {
        opts.add(a);
      }
    }
    opts.addAll(split(System.getProperty(EXTRA_JVM_FLAGS, "")));
    return opts;
  }

  private void awaitRest(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        get("/overview");
        return;
      } catch (IllegalStateException e) {
        if (!jobManager.isAlive()) {
          throw new IllegalStateException(
              "JobManager exited with " + jobManager.exitValue() + ":\n" + logTail());
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "JobManager REST not up within " + timeout + ":\n" + logTail());
        }
        sleep(200);
      }
    }
  }

  /** The last lines of every log and stdout file of the cluster, for failure messages. */
  public String logTail() {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.list(dir.resolve("log"))) {
      for (Path f : files.filter(p -> !p.toString().endsWith(".cmd")).sorted().toList()) {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        sb.append("---- ").append(f).append('\n');
        lines
            .subList(Math.max(0, lines.size() - 30), lines.size())
            .forEach(l -> sb.append(l).append('\n'));
      }
    } catch (IOException | UncheckedIOException e) {
      sb.append("(logs unreadable: ").append(e).append(")\n");
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------------------------------------ helpers

  static String clusterClasspath() {
    String own;
    try {
      own =
          Path.of(
                  FlinkSessionCluster.class
                      .getProtectionDomain()
                      .getCodeSource()
                      .getLocation()
                      .toURI())
              .toString();
    } catch (Exception e) {
      throw new IllegalStateException("cannot locate the jar of " + FlinkSessionCluster.class, e);
    }
    String deps;
    try (InputStream in = FlinkSessionCluster.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            CLASSPATH_RESOURCE
                + " is missing; build reasonflow-flink-testing "
                + "(./mvnw -pl flink-testing install)");
      }
      deps = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String entry : deps.split(java.io.File.pathSeparator)) {
      if (!Files.exists(Path.of(entry))) {
        throw new IllegalStateException(
            "Flink cluster class path entry "
                + entry
                + " is missing; rebuild "
                + "reasonflow-flink-testing so Maven resolves it");
      }
    }
    return own + java.io.File.pathSeparator + deps;
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static List<String> split(String s) {
    return s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
  }

  /** A string field of a flat JSON answer (enough for the few REST fields used here). */
  static String field(String json, String name) {
    Matcher m =
        Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
            .matcher(json);
    return m.find()
        ? m.group(1).replace("\\/", "/").replace("\\\"", "\"").replace("\\\\", "\\")
        : null;
  }

  /** A number field of a JSON answer, as text. */
  static String number(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(-?\\d+)").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch < 0x20) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static String yamlScalar(String v) {
    // single-quoted YAML: paths and URIs with ':' stay strings
    return "'" + v.replace("'", "''") + "'";
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // a file still held open by a dying JVM; the OS temp cleaner takes it
                }
              });
    } catch (IOException | UncheckedIOException ignored) {
      // best effort, as above
    }
  }
}
