package io.reasonflow.reasons;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.testing.MainProcess;
import io.reasonflow.testing.MainProcess.Result;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReasonJobMain}'s arguments: parsed by picocli as the feature job's are, and a mistake is
 * one line naming it, exit status 2, no stack trace, before any job is built (the status of a real
 * JVM running the main).
 */
class ReasonJobMainTest {
  @TempDir Path dir;

  @Test
  void parsesEveryOptionOfTheBatchMode() {
    ReasonJobMain m = new ReasonJobMain();
    assertThat(
            ReasonJobMain.parse(
                m,
                new String[] {
                  "--features",
                  "f",
                  "--out",
                  "o",
                  "--users",
                  "u1,u2",
                  "--parallelism",
                  "2",
                  "--set",
                  "reasons.top-k=5",
                  "--set",
                  "reasons.locale=zh-CN",
                  "--job-name",
                  "n"
                }))
        .isNull();
    assertThat(m.job.mode).isEqualTo("batch");
    assertThat(m.features).isEqualTo(Path.of("f"));
    assertThat(m.out).isEqualTo("o");
    assertThat(m.users).containsExactly("u1", "u2");
    assertThat(m.job.parallelism).isEqualTo(2);
    assertThat(m.job.overrides)
        .containsExactly(Map.entry("reasons.top-k", "5"), Map.entry("reasons.locale", "zh-CN"));
    assertThat(m.job.jobName).isEqualTo("n");
  }

  @Test
  void namesTheMistake() {
    assertThat(problem("--features", "f", "--out", "o", "--parallelism", "0"))
        .contains("--parallelism", ">= 1");
    assertThat(problem("--features", "f")).isEqualTo("--mode batch needs --out DIR");
    assertThat(problem("--out", "o")).contains("missing --features");
    assertThat(problem("--mode", "stream", "--features", "f")).isNull();
    assertThat(problem("--mode", "later", "--features", "f", "--out", "o"))
        .contains("--mode", "later");
    assertThat(problem("--features", "f", "--out", "o", "--fetures", "x"))
        .contains("--fetures", "usage:");
  }

  @Test
  void aMissingFeatureDirectoryIsOneLineAndExitStatusTwo() throws Exception {
    Path missing = dir.resolve("nothing-here");
    Result r = runMain("--features", missing.toString(), "--out", dir.resolve("out").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.stderrLines())
        .containsExactly(
            "reasonflow-reasons: --features "
                + missing
                + " is not a directory (a feature job's output)");
  }

  @Test
  void anUnknownConfigurationKeyIsOneLineAndExitStatusTwo() throws Exception {
    Result r =
        runMain(
            "--features",
            dir.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--set",
            "reasons.no-such-key=1");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.stderrLines()).hasSize(1);
    assertThat(r.stderrLines().get(0))
        .startsWith("reasonflow-reasons: ")
        .contains("reasons.no-such-key");
  }

  private static String problem(String... argv) {
    return ReasonJobMain.parse(new ReasonJobMain(), argv);
  }

  private static Result runMain(String... argv) throws Exception {
    return MainProcess.run(ReasonJobMain.class, argv);
  }
}
