package io.reasonflow.testing.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session cluster's own mechanics on a real JobManager + TaskManager: a checkpointed job
 * survives a SIGKILLed TaskManager once a new TaskManager registers, restoring from its latest
 * checkpoint, and then finishes.
 */
class FlinkSessionClusterITCase {

  @Test
  void jobSurvivesTaskManagerKillAndRestoresFromCheckpoint(@TempDir Path tmp) throws Exception {
    Path jar = jobJar(tmp.resolve("checkpointed-count.jar"));
    try (FlinkSessionCluster cluster =
        FlinkSessionCluster.builder()
            .slots(2)
            .taskManagerMemory("1024m", "64m")
            .jobManagerProcessSize("768m")
            .start()) {
      System.err.printf("[figures] cluster start: %,d ms%n", cluster.startMillis());
      assertThat(cluster.registeredTaskManagers()).isEqualTo(1);

      long t0 = System.nanoTime();
      // 2 x ~40 numbers a second, 1,200 numbers: ~15 s of work for the first attempt, which is
      // killed after two checkpoints (every 500 ms); the restored attempt runs unthrottled
      String job =
          cluster.submit(jar, CheckpointedCountJob.class.getName(), List.of("1200", "40", "500"));
      cluster.awaitJob(job, "RUNNING", Duration.ofSeconds(60));
      awaitCompletedCheckpoints(cluster, job, 2, Duration.ofSeconds(60));

      long pid = cluster.killTaskManager();
      System.err.printf("[figures] SIGKILLed TaskManager pid %d%n", pid);
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      // The JobManager notices the loss (heartbeat/connection), records it and restarts the job,
      // whose tasks then wait for slots: the job-level state returns to RUNNING, so the exception
      // history is what tells.
      awaitFailover(cluster, job, Duration.ofSeconds(30));

      long r0 = System.nanoTime();
      cluster.startTaskManager();
      cluster.awaitJob(job, "FINISHED", Duration.ofSeconds(120));
      System.err.printf(
          "[figures] restart after new TaskManager + finish: %,d ms; job total %,d ms%n",
          (System.nanoTime() - r0) / 1_000_000, (System.nanoTime() - t0) / 1_000_000);

      String checkpoints = cluster.get("/jobs/" + job + "/checkpoints");
      // "restored" describes the checkpoint the job was restored from after the failover
      assertThat(checkpoints).contains("\"restored\":{");
      String exceptions = cluster.get("/jobs/" + job + "/exceptions");
      assertThat(exceptions)
          .containsAnyOf("TaskManager", "heartbeat", "Heartbeat", "lost", "disconnected");
    }
  }

  private static void awaitCompletedCheckpoints(
      FlinkSessionCluster c, String job, int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String completed =
          FlinkSessionCluster.number(c.get("/jobs/" + job + "/checkpoints"), "completed");
      if (completed != null && Integer.parseInt(completed) >= n) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("fewer than " + n + " checkpoints completed within " + timeout);
  }

  private static void awaitFailover(FlinkSessionCluster c, String job, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (c.get("/jobs/" + job + "/exceptions").contains("\"entries\":[{")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "no failover recorded " + timeout + " after the only TaskManager was killed");
  }

  /** A job jar holding only the job's classes; the cluster supplies Flink, as for any job jar. */
  private static Path jobJar(Path jar) throws IOException {
    Path classes =
        Path.of(
            CheckpointedCountJob.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f :
          files
              .filter(p -> p.getFileName().toString().startsWith("CheckpointedCountJob"))
              .toList()) {
        j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, j);
        j.closeEntry();
      }
    }
    return jar;
  }
}
