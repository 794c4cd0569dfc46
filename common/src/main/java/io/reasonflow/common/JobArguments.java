package io.reasonflow.common;

import picocli.CommandLine;

/**
 * How a job jar's {@code main} reads its arguments and ends on a user mistake, shared by the
 * feature and reason jobs' entry points so both behave alike.
 *
 * <p>Arguments are picocli options on the entry point's own fields (as in the CLI). A mistake is
 * one line: when the main runs as a plain program it goes to stderr with exit status 2; inside a
 * Flink client or JobManager (a {@code flink run} or a REST submission, where exiting would take
 * the JobManager down with it) it is thrown as a {@link UserError} with that line, which {@code
 * flink run} and the REST answer show.
 */
public final class JobArguments {
  public static final int EXIT_USER_ERROR = 2;

  private JobArguments() {}

  /**
   * Fills {@code command}'s picocli fields from {@code argv}; the one-line problem, or null when
   * they parse.
   */
  public static String parse(Object command, String[] argv, String usage) {
    try {
      new CommandLine(command).parseArgs(argv);
      return null;
    } catch (CommandLine.ParameterException e) {
      return e.getMessage() + " (usage: " + usage + ")";
    }
  }

  /** What an entry point does once its arguments are usable; may throw {@link UserError}. */
  public interface Body {
    void run() throws Exception;
  }

  /**
   * The whole of a job's {@code main}: {@code body} when {@code problem} (from parsing) is null; a
   * mistake in either ends the main as {@link #fail} says. {@code plainProgram} is asked only then
   * (it looks at Flink's environment).
   */
  public static void main(
      String program, String problem, Body body, java.util.function.BooleanSupplier plainProgram)
      throws Exception {
    if (problem == null) {
      try {
        body.run();
        return;
      } catch (UserError e) {
        problem = e.getMessage();
      }
    }
    fail(program, problem, plainProgram.getAsBoolean());
  }

  /**
   * Ends the main with {@code problem}, named by {@code program}: stderr and exit 2 for a plain
   * program, a {@link UserError} inside a Flink client ({@code plainProgram} false).
   */
  public static void fail(String program, String problem, boolean plainProgram) {
    String line = program + ": " + problem;
    if (plainProgram) {
      System.err.println(line);
      System.exit(EXIT_USER_ERROR);
    }
    throw new UserError(line);
  }
}
