package io.reasonflow.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A main class run in a real JVM on the test's class path, as {@code java -cp job.jar} would run
 * it: for what only a process shows, its exit status and what it prints on stderr (a bad argument
 * is one line and status 2).
 */
public final class MainProcess {
  private MainProcess() {}

  /** How the process ended. */
  public record Result(int status, String stderr) {
    /**
     * Lines of stderr, without the JVM's own warnings (incubator modules, native access, Unsafe)
     * and SLF4J's.
     */
    public List<String> stderrLines() {
      List<String> out = new ArrayList<>();
      for (String l : stderr.split("\n")) {
        if (!l.isBlank() && !l.startsWith("WARNING") && !l.startsWith("SLF4J")) {
          out.add(l);
        }
      }
      return out;
    }
  }

  /**
   * Runs {@code main} with {@code argv} in a small JVM (256 MB heap), stdout discarded; fails after
   * 60 s.
   */
  public static Result run(Class<?> main, String... argv) throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    cmd.addAll(List.of(argv));
    // stderr to a file, not read from the pipe: reading it to its end would wait for ever on a
    // process that hangs, and the time limit below would never be reached
    Path err = Files.createTempFile("main-process", ".stderr");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(
            main.getName() + " did not exit within 60 s; stderr:\n" + Files.readString(err));
      }
      return new Result(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
