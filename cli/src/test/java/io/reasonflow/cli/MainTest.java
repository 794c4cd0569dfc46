package io.reasonflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User mistakes end with one line on stderr, exit status 2 and no stack trace. */
class MainTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private void assertOneLineError(String... fragments) {
    String e = err.toString();
    assertThat(e.strip().lines()).hasSize(1);
    assertThat(e)
        .startsWith("reasonflow: ")
        .contains(fragments)
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void missingInputFile() {
    assertThat(
            run(
                "features",
                "--events",
                dir.resolve("nope.tsv").toString(),
                "--out",
                dir.toString()))
        .isEqualTo(2);
    assertOneLineError("input not found", "nope.tsv");
  }

  @Test
  void publishingAVersionWithoutACommittedIndexIsRefused() throws Exception {
    Files.createDirectories(dir.resolve("v2"));
    assertThat(run("publish", "--root", dir.toString(), dir.resolve("v2").toString())).isEqualTo(2);
    assertOneLineError("holds no committed index", "v2");
  }

  @Test
  void unknownConfigKeySuggestsTheRightOne() throws Exception {
    Path cfg = dir.resolve("bad.properties");
    Files.writeString(cfg, "reasons.top_k = 3\n");
    assertThat(run("config", "--config", cfg.toString())).isEqualTo(2);
    assertOneLineError("unknown config key 'reasons.top_k'", "did you mean 'reasons.top-k'");
  }

  @Test
  void illTypedConfigValue() {
    assertThat(
            run(
                "features",
                "--events",
                dir.toString(),
                "--out",
                dir.toString(),
                "--set",
                "features.session.gap=soon"))
        .isEqualTo(2);
    assertOneLineError("features.session.gap", "soon");
  }

  @Test
  void evalExplanationsRefusesAnUnknownLocaleAndAMissingDataDirectory() {
    assertThat(run("eval-explanations", "--locale", "fr", "--data", dir.toString())).isEqualTo(2);
    assertOneLineError("--locale must be en or zh-CN", "fr");
    err.getBuffer().setLength(0);
    // a data directory without the Instruments files names the file it looked for
    assertThat(run("eval-explanations", "--data", dir.toString())).isEqualTo(2);
    assertOneLineError("no data file", "reviews.jsonl.gz");
  }

  @Test
  void evalExplanationsSamplingNeedsADecoderAndSaysHowToWriteIt() {
    assertThat(run("eval-explanations", "--data", dir.toString(), "--sampling", "3,1.0,3"))
        .isEqualTo(2);
    assertOneLineError("--sampling needs --decoder DIR");
    err.getBuffer().setLength(0);
    assertThat(
            run(
                "eval-explanations",
                "--data",
                dir.toString(),
                "--decoder",
                dir.toString(),
                "--sampling",
                "3,x"))
        .isEqualTo(2);
    assertOneLineError("--sampling 3,x", "K,T,FIRST[,SEED]");
    err.getBuffer().setLength(0);
    assertThat(run("eval-explanations", "--data", dir.toString(), "--beam", "4")).isEqualTo(2);
    assertOneLineError("--beam needs --decoder DIR");
    err.getBuffer().setLength(0);
    assertThat(
            run(
                "eval-explanations",
                "--data",
                dir.toString(),
                "--decoder",
                dir.toString(),
                "--beam",
                "0"))
        .isEqualTo(2);
    assertOneLineError("--beam must be between 1 and 64");
  }

  @Test
  void evalReasonsNamesWhatItNeeds() {
    assertThat(run("eval-reasons")).isEqualTo(2);
    assertOneLineError("--sample NAME", "--features DIR");
    err.getBuffer().setLength(0);
    assertThat(run("eval-reasons", "--sample", "beauty", "--data", dir.toString())).isEqualTo(2);
    assertOneLineError("--sample or --data, not both");
    err.getBuffer().setLength(0);
    assertThat(
            run(
                "eval-reasons",
                "--features",
                dir.toString(),
                "--labels",
                dir.resolve("missing").toString()))
        .isEqualTo(2);
    assertOneLineError("--labels", "is not a directory");
  }

  @Test
  void unknownOptionPointsAtHelp() {
    assertThat(run("demo", "--colour")).isEqualTo(2);
    assertOneLineError("--colour", "./reasonflow demo --help");
  }

  @Test
  void submitWithoutAJobJarOrAClusterSaysWhich() throws Exception {
    assertThat(run("submit", "--job", "features", "--jar", dir.resolve("missing.jar").toString()))
        .isEqualTo(2);
    assertOneLineError("job jar not found", "missing.jar");

    err.getBuffer().setLength(0);
    assertThat(run("submit", "--job", "search")).isEqualTo(2);
    assertOneLineError("--job must be features or reasons");

    err.getBuffer().setLength(0);
    Path jar = Files.writeString(dir.resolve("job.jar"), "not really a jar");
    assertThat(
            run(
                "backfill",
                "--rest",
                "http://127.0.0.1:1",
                "--jar",
                jar.toString(),
                "--events",
                "/e",
                "--out",
                "/o"))
        .isEqualTo(2);
    assertOneLineError("no Flink REST endpoint at http://127.0.0.1:1");
  }

  @Test
  void configShowsWhereEachValueComesFrom() {
    assertThat(run("config", "--set", "reasons.top-k=7")).isZero();
    assertThat(out.toString())
        .containsPattern("reasons.top-k\\s+= 7\\s+# --set")
        .containsPattern("features.session.gap\\s+= 30m\\s+# default");
  }

  @Test
  void trainExplainerWithoutTheDataSaysWhereToPointIt() {
    assertThat(
            run(
                "train-explainer",
                "--locale",
                "en",
                "--data",
                dir.resolve("nope").toString(),
                "--out",
                dir.toString()))
        .isEqualTo(2);
    assertOneLineError("data directory not found", "--data");
  }

  @Test
  void trainExplainerRefusesAnUnknownLocale() {
    assertThat(run("train-explainer", "--locale", "fr", "--data", dir.toString())).isEqualTo(2);
    assertOneLineError("fr");
  }

  @Test
  void helpListsEveryCommand() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains(
            "demo",
            "features",
            "index",
            "reasons",
            "serve",
            "eval-recs",
            "train-explainer",
            "submit",
            "backfill",
            "config");
  }

  @Test
  void mistypedCommandSuggestsTheClosestOne() {
    assertThat(run("dmeo")).isEqualTo(2);
    assertOneLineError("unknown command 'dmeo'", "did you mean 'demo'?", "./reasonflow --help");
  }

  @Test
  void mistypedOptionSuggestsTheClosestOne() {
    assertThat(run("demo", "--user", "3")).isEqualTo(2);
    assertOneLineError("--user", "did you mean '--users'?", "./reasonflow demo --help");
  }

  /**
   * Help is wrapped at spaces only: picocli wraps with a line BreakIterator, which also breaks
   * after '/' and '-', so "/v1/users/{id}/recommendations" came out as "/v1/users/{id}" and
   * "/recommendations" on two lines. Every word of every description (up to a column's width) must
   * appear whole on one line of the help at picocli's default width.
   */
  @Test
  void helpNeverBreaksAWord() {
    picocli.CommandLine root = Main.commandLine();
    List<picocli.CommandLine> commands = new ArrayList<>(List.of(root));
    commands.addAll(root.getSubcommands().values());
    for (picocli.CommandLine c : commands) {
      String usage = c.getUsageMessage(picocli.CommandLine.Help.Ansi.OFF);
      List<String> words = new ArrayList<>();
      for (String d : c.getCommandSpec().usageMessage().description()) {
        words.addAll(List.of(d.split("\\s+")));
      }
      for (picocli.CommandLine sub :
          c.getSubcommands().values()) { // the command list: header or description
        picocli.CommandLine.Model.UsageMessageSpec u = sub.getCommandSpec().usageMessage();
        String[] summary = u.header().length > 0 ? u.header() : u.description();
        words.addAll(summary.length == 0 ? List.of() : List.of(summary[0].split("\\s+")));
      }
      for (picocli.CommandLine.Model.OptionSpec o : c.getCommandSpec().options()) {
        for (String d : o.description()) {
          words.addAll(List.of(d.split("\\s+")));
        }
      }
      for (String w : words) {
        if (!w.isEmpty() && !w.contains("${") && !w.contains("%n") && w.length() <= MAX_WORD) {
          assertThat(usage.lines().anyMatch(l -> l.contains(w)))
              .as("'%s' whole on one line of '%s --help':%n%s", w, c.getCommandName(), usage)
              .isTrue();
        }
      }
    }
  }

  /** Longer words than an option description's column (80 - 2 - 30 - 2) may be broken. */
  private static final int MAX_WORD = 40;

  /**
   * Lucene's "Java vector incubator API enabled" INFO line goes through java.util.logging, which
   * keeps loggers weakly: a level set on a logger that nothing references is forgotten at the next
   * collection.
   */
  @Test
  void lucenesJulInfoStaysQuietAfterAGarbageCollection() throws Exception {
    Main.quietJulLibraries();
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(20);
    }
    java.util.logging.Logger lucene =
        java.util.logging.Logger.getLogger(
            "org.apache.lucene.internal.vectorization.VectorizationProvider");
    assertThat(lucene.isLoggable(java.util.logging.Level.INFO)).isFalse();
    assertThat(lucene.isLoggable(java.util.logging.Level.WARNING)).isTrue();
  }
}
