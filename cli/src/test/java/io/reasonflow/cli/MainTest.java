package io.reasonflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
    assertThat(e).startsWith("reasonflow: ").contains(fragments).doesNotContain("Exception", "\tat ");
  }

  @Test
  void missingInputFile() {
    assertThat(run("features", "--events", dir.resolve("nope.tsv").toString(), "--out", dir.toString())).isEqualTo(2);
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
    assertThat(run("features", "--events", dir.toString(), "--out", dir.toString(), "--set",
        "features.session.gap=soon")).isEqualTo(2);
    assertOneLineError("features.session.gap", "soon");
  }

  @Test
  void unknownOptionPointsAtHelp() {
    assertThat(run("demo", "--colour")).isEqualTo(2);
    assertOneLineError("--colour", "./reasonflow demo --help");
  }

  @Test
  void submitWithoutAJobJarOrAClusterSaysWhich() throws Exception {
    assertThat(run("submit", "--job", "features", "--jar", dir.resolve("missing.jar").toString())).isEqualTo(2);
    assertOneLineError("job jar not found", "missing.jar");

    err.getBuffer().setLength(0);
    assertThat(run("submit", "--job", "search")).isEqualTo(2);
    assertOneLineError("--job must be features or reasons");

    err.getBuffer().setLength(0);
    Path jar = Files.writeString(dir.resolve("job.jar"), "not really a jar");
    assertThat(run("backfill", "--rest", "http://127.0.0.1:1", "--jar", jar.toString(), "--events", "/e",
        "--out", "/o")).isEqualTo(2);
    assertOneLineError("no Flink REST endpoint at http://127.0.0.1:1");
  }

  @Test
  void configShowsWhereEachValueComesFrom() {
    assertThat(run("config", "--set", "reasons.top-k=7")).isZero();
    assertThat(out.toString()).containsPattern("reasons.top-k\\s+= 7\\s+# --set")
        .containsPattern("features.session.gap\\s+= 30m\\s+# default");
  }

  @Test
  void helpListsEveryCommand() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("demo", "features", "index", "reasons", "serve", "eval-recs", "submit",
        "backfill", "config");
  }
}
