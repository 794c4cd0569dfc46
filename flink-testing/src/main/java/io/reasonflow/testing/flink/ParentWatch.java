package io.reasonflow.testing.flink;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Main class of each cluster JVM: {@code ParentWatch <flink entry class> <args...>}. It starts a
 * daemon thread that reads stdin, which is a pipe from the test JVM, and halts this JVM at
 * end-of-file, then runs the Flink entry point's {@code main}. Why: a JobManager or TaskManager
 * must not outlive a test JVM that was killed (SIGKILL, a crashed fork, a cancelled build) before
 * it could close the cluster; the pipe closes whenever the parent dies, however it dies.
 */
public final class ParentWatch {
  private ParentWatch() {}

  public static void main(String[] args) throws Throwable {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: ParentWatch <main class> [args...]");
    }
    Thread watch =
        new Thread(
            () -> {
              try (InputStream in = System.in) {
                while (in.read() >= 0) {
                  // nothing is ever written; read() returns -1 only when the parent's end of the
                  // pipe closes
                }
              } catch (Exception ignored) {
                // an error on the pipe means the same: the parent is gone
              }
              // stderr, not a logger: halt() runs no shutdown hooks, so only an unbuffered write is
              // sure to be seen, and this line matters most when the cluster's logging is not (yet,
              // or any longer) set up
              System.err.println("[ParentWatch] parent process gone: halting " + args[0]);
              Runtime.getRuntime().halt(3);
            },
            "parent-watch");
    watch.setDaemon(true);
    watch.start();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause(); // the entry point's own failure, not reflection's wrapper
    }
  }
}
