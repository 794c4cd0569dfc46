package io.reasonflow.cli;

import io.reasonflow.common.UserError;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./reasonflow}: the one command a user runs. User mistakes (bad option, missing file, unknown config key)
 * end with one line on stderr and exit status 2; only a bug prints a stack trace (exit 1).
 */
@Command(
    name = "reasonflow",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Shopper events -> item/user embeddings (Flink + DL4J) -> Lucene HNSW index -> truthful reasons.",
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
      EvalReasonsCommand.class,
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

  public static void main(String[] args) {
    // Lucene announces its vector API setup through java.util.logging at INFO on every start: not news for a user.
    java.util.logging.Logger.getLogger("org.apache.lucene").setLevel(java.util.logging.Level.WARNING);
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command line; separated from {@link #main} so tests run the real parsing and error handling. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler((ex, a) -> {
      String sub = ex.getCommandLine().getCommandName();
      err.println("reasonflow: " + ex.getMessage() + " (see './reasonflow " + (sub.equals("reasonflow") ? "" : sub + " ")
          + "--help')");
      return EXIT_USER_ERROR;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
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

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"reasonflow " + (v == null ? "0.1.0-SNAPSHOT" : v) + " on Java "
          + Runtime.version().feature()};
    }
  }
}
