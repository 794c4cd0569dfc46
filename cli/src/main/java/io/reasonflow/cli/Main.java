package io.reasonflow.cli;

import io.reasonflow.common.UserError;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./reasonflow}: the one command a user runs. User mistakes (bad option, missing file,
 * unknown config key) end with one line on stderr and exit status 2; only a bug prints a stack
 * trace (exit 1).
 */
@Command(
    name = "reasonflow",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Shopper events -> item/user embeddings (Flink + DL4J) -> Lucene HNSW index -> truthful reasons.",
    subcommands = {
      DemoCommand.class,
      FeaturesCommand.class,
      StreamCommand.class,
      IndexCommand.class,
      PublishCommand.class,
      ReasonsCommand.class,
      ServeCommand.class,
      EvalRecsCommand.class,
      TrainDecoderCommand.class,
      TrainExplainerCommand.class,
      EvalReasonsCommand.class,
      EvalExplanationsCommand.class,
      BenchCommand.class,
      SubmitCommand.class,
      BackfillCommand.class,
      ConfigCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  public static final int EXIT_USER_ERROR = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Lucene announces its vector API setup through java.util.logging at INFO on every start: not
   * news for a user. Held here because java.util.logging keeps loggers only weakly: a level set on
   * a logger nobody references is lost at the next garbage collection, and Lucene's first vector
   * query comes long after start.
   */
  private static final java.util.logging.Logger LUCENE_JUL =
      java.util.logging.Logger.getLogger("org.apache.lucene");

  /**
   * Quiets the libraries that log through java.util.logging rather than SLF4J (see log4j2-cli.xml
   * for the rest).
   */
  static void quietJulLibraries() {
    LUCENE_JUL.setLevel(java.util.logging.Level.WARNING);
  }

  public static void main(String[] args) {
    quietJulLibraries();
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs a command line; separated from {@link #main} so tests run the real parsing and error
   * handling.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("reasonflow: " + parameterError(ex));
          return EXIT_USER_ERROR;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          UserError user = UserError.findIn(ex);
          if (user != null) {
            err.println("reasonflow: " + user.getMessage());
            return EXIT_USER_ERROR;
          }
          throw ex;
        });
    try {
      return cl.execute(args);
    } finally {
      out.flush(); // print() does not auto-flush, and main() exits right after
      err.flush();
    }
  }

  /**
   * The command line with every subcommand, its help wrapped at spaces only ({@link
   * SpaceWrappedHelp}).
   */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setHelpFactory(SpaceWrappedHelp.FACTORY);
    return cl;
  }

  /**
   * One line for a command-line mistake: what was wrong, picocli's closest matches ("did you mean")
   * for a mistyped command or option, and where the help is.
   */
  static String parameterError(CommandLine.ParameterException ex) {
    String sub = ex.getCommandLine().getCommandName();
    boolean root = ex.getCommandLine().getParent() == null;
    String message = ex.getMessage();
    String suggestion = "";
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String typed = u.getUnmatched().get(0);
      CommandLine.Model.CommandSpec spec = ex.getCommandLine().getCommandSpec();
      List<String> close;
      if (typed.startsWith("-")) {
        String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        close = DidYouMean.closest(name, spec.optionsMap().keySet());
      } else {
        if (root) {
          message = "unknown command '" + typed + "'";
        }
        close = DidYouMean.closest(typed, spec.subcommands().keySet());
      }
      if (close.isEmpty()) {
        close = u.getSuggestions();
      }
      if (!close.isEmpty()) {
        suggestion =
            "; did you mean "
                + String.join(" or ", close.stream().limit(3).map(c -> "'" + c + "'").toList())
                + "?";
      }
    }
    return message + suggestion + " (see './reasonflow " + (root ? "" : sub + " ") + "--help')";
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {
        "reasonflow "
            + (v == null ? "0.1.0-SNAPSHOT" : v)
            + " on Java "
            + Runtime.version().feature()
      };
    }
  }
}
