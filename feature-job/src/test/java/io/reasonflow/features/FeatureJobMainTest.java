package io.reasonflow.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FeatureJobMain}'s arguments: parsed by picocli, and a mistake is one line naming it, exit status 2, no stack
 * trace, before any job is built. The exit status is that of a real JVM running the main, as {@code java -cp job.jar}
 * would.
 */
class FeatureJobMainTest {
  @TempDir Path dir;

  @Test
  void parsesEveryOptionOfTheBatchMode() {
    FeatureJobMain m = new FeatureJobMain();
    assertThat(FeatureJobMain.parse(m, new String[] {"--events", "e.tsv", "--items", "i.tsv", "--out", "o",
        "--parallelism", "3", "--set", "features.item2vec.dim=16", "--set", "features.session.gap=45m", "--index",
        "--job-name", "nightly"})).isNull();
    assertThat(m.job.mode).isEqualTo("batch");
    assertThat(m.events).isEqualTo(Path.of("e.tsv"));
    assertThat(m.items).isEqualTo(Path.of("i.tsv"));
    assertThat(m.out).isEqualTo(Path.of("o"));
    assertThat(m.job.parallelism).isEqualTo(3);
    assertThat(m.job.overrides).containsExactly(java.util.Map.entry("features.item2vec.dim", "16"),
        java.util.Map.entry("features.session.gap", "45m"));
    assertThat(m.index).isTrue();
    assertThat(m.job.jobName).isEqualTo("nightly");
  }

  @Test
  void namesTheMistake() {
    assertThat(problem("--events", "e", "--out", "o", "--parallelism", "0")).contains("--parallelism", ">= 1", "0");
    assertThat(problem("--events", "e", "--out", "o", "--parallelism", "two")).contains("--parallelism", "two");
    assertThat(problem("--events", "e")).isEqualTo("--mode batch needs --out");
    assertThat(problem("--mode", "later", "--events", "e", "--out", "o")).contains("--mode", "later");
    assertThat(problem("--events", "e", "--out", "o", "--evnts", "x")).contains("--evnts", "usage:");
  }

  @Test
  void aBadArgumentIsOneLineAndExitStatusTwo() throws Exception {
    Result r = runMain("--events", dir.toString(), "--out", dir.toString(), "--parallelism", "0");
    assertThat(r.status).isEqualTo(2);
    assertThat(r.stderrLines()).containsExactly("reasonflow-features: --parallelism must be a whole number >= 1, "
        + "not 0");
  }

  @Test
  void aBadConfigurationValueIsOneLineAndExitStatusTwo() throws Exception {
    Result r = runMain("--events", dir.toString(), "--out", dir.resolve("out").toString(), "--set",
        "features.session.gap=soon");
    assertThat(r.status).isEqualTo(2);
    assertThat(r.stderrLines()).hasSize(1);
    assertThat(r.stderrLines().get(0)).startsWith("reasonflow-features: ").contains("features.session.gap", "soon");
  }

  private static String problem(String... argv) {
    return FeatureJobMain.parse(new FeatureJobMain(), argv);
  }

  record Result(int status, String stderr) {
    /** Lines of stderr, without the JVM's own warnings (incubator modules, native access, Unsafe). */
    List<String> stderrLines() {
      List<String> out = new ArrayList<>();
      for (String l : stderr.split("\n")) {
        if (!l.isBlank() && !l.startsWith("WARNING") && !l.startsWith("SLF4J")) {
          out.add(l);
        }
      }
      return out;
    }
  }

  private static Result runMain(String... argv) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), FeatureJobMain.class.getName()));
    cmd.addAll(List.of(argv));
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), new String(err, StandardCharsets.UTF_8));
  }
}
