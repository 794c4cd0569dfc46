package io.reasonflow.common;

/**
 * A mistake the user can fix (missing file, bad config key, wrong JDK...). The command line prints only its
 * message, on one line, and exits with status 2: no stack trace, because there is no bug to report.
 */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
