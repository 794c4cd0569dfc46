package io.reasonflow.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.EventType;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.testing.MainProcess;
import io.reasonflow.testing.MainProcess.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FeatureJobMain}'s arguments: parsed by picocli, and a mistake is one line naming it, exit
 * status 2, no stack trace, before any job is built. The exit status is that of a real JVM running
 * the main, as {@code java -cp job.jar} would.
 */
class FeatureJobMainTest {
  @TempDir Path dir;

  @Test
  void parsesEveryOptionOfTheBatchMode() {
    FeatureJobMain m = new FeatureJobMain();
    assertThat(
            FeatureJobMain.parse(
                m,
                new String[] {
                  "--events",
                  "e.tsv",
                  "--items",
                  "i.tsv",
                  "--out",
                  "o",
                  "--parallelism",
                  "3",
                  "--set",
                  "features.item2vec.dim=16",
                  "--set",
                  "features.session.gap=45m",
                  "--index",
                  "--job-name",
                  "nightly"
                }))
        .isNull();
    assertThat(m.job.mode).isEqualTo("batch");
    assertThat(m.events).isEqualTo(Path.of("e.tsv"));
    assertThat(m.items).isEqualTo(Path.of("i.tsv"));
    assertThat(m.out).isEqualTo(Path.of("o"));
    assertThat(m.job.parallelism).isEqualTo(3);
    assertThat(m.job.overrides)
        .containsExactly(
            java.util.Map.entry("features.item2vec.dim", "16"),
            java.util.Map.entry("features.session.gap", "45m"));
    assertThat(m.index).isTrue();
    assertThat(m.job.jobName).isEqualTo("nightly");
  }

  @Test
  void namesTheMistake() {
    assertThat(problem("--events", "e", "--out", "o", "--parallelism", "0"))
        .contains("--parallelism", ">= 1", "0");
    assertThat(problem("--events", "e", "--out", "o", "--parallelism", "two"))
        .contains("--parallelism", "two");
    assertThat(problem("--events", "e")).isEqualTo("--mode batch needs --out");
    assertThat(problem("--mode", "later", "--events", "e", "--out", "o"))
        .contains("--mode", "later");
    assertThat(problem("--events", "e", "--out", "o", "--evnts", "x"))
        .contains("--evnts", "usage:");
  }

  @Test
  void aBadArgumentIsOneLineAndExitStatusTwo() throws Exception {
    Result r = runMain("--events", dir.toString(), "--out", dir.toString(), "--parallelism", "0");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.stderrLines())
        .containsExactly(
            "reasonflow-features: --parallelism must be a whole number >= 1, " + "not 0");
  }

  @Test
  void aBadConfigurationValueIsOneLineAndExitStatusTwo() throws Exception {
    Result r =
        runMain(
            "--events",
            dir.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--set",
            "features.session.gap=soon");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.stderrLines()).hasSize(1);
    assertThat(r.stderrLines().get(0))
        .startsWith("reasonflow-features: ")
        .contains("features.session.gap", "soon");
  }

  /**
   * The cluster path's wiring run in-process (a local environment: {@code main}'s own {@code
   * getExecutionEnvironment}): the job itself writes summary.json, with the counts and event types
   * its tallies carried to {@code write-summary}, the shoppers counted from the profiles written.
   */
  @Test
  void theBatchJobWritesItsOwnSummaryWithTheEventTypes() throws Exception {
    java.nio.file.Path events =
        Fixtures.write(
            dir.resolve("events.csv"),
            "user_id,item_id,ts,type",
            "u1,A," + Fixtures.min(0) + ",view",
            "u1,B," + Fixtures.min(1) + ",review",
            "u2,A," + Fixtures.min(0) + ",view",
            "u2,B," + Fixtures.min(2) + ",view",
            "u3,B," + Fixtures.min(0) + ",click");
    FeatureLayout layout = new FeatureLayout(dir.resolve("out"));
    FeatureJobMain m = new FeatureJobMain();
    assertThat(
            FeatureJobMain.parse(
                m,
                new String[] {
                  "--events", events.toString(),
                  "--out", layout.root().toString(),
                  "--parallelism", "2",
                  "--set", "features.item2vec.dim=8",
                  "--set", "features.item2vec.epochs=2",
                  "--set", "features.item2vec.subsampling=0"
                }))
        .isNull();
    m.run();
    FeatureRunSummary s =
        JsonLines.MAPPER.readValue(layout.summary().toFile(), FeatureRunSummary.class);
    assertThat(s.coViewPairs()).isEqualTo(1); // A-B: u1, u2
    assertThat(s.eventTypes()).containsExactly(EventType.VIEW, EventType.CLICK, EventType.REVIEW);
    assertThat(s.events()).as("known only to accumulators").isEqualTo(-1);
    assertThat(s.users()).as("a profile per shopper, counted by the job").isEqualTo(3);
  }

  private static String problem(String... argv) {
    return FeatureJobMain.parse(new FeatureJobMain(), argv);
  }

  private static Result runMain(String... argv) throws Exception {
    return MainProcess.run(FeatureJobMain.class, argv);
  }
}
