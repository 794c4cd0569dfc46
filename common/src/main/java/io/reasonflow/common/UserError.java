package io.reasonflow.common;

/**
 * A mistake the user can fix (missing file, bad config key, wrong JDK...). The command line prints
 * only its message, on one line, and exits with status 2: no stack trace, because there is no bug
 * to report.
 */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The user error behind {@code t}, if any: Flink wraps a job's exceptions several levels deep,
   * and a missing file found inside a task must still reach the user as their one line, not as a
   * job failure.
   */
  public static UserError findIn(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UserError u) {
        return u;
      }
    }
    return null;
  }
}
