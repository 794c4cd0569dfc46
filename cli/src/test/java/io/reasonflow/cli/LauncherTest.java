package io.reasonflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./reasonflow script's JDK check: a JDK older than 21 ends with one line that says what to
 * install. The machine's own java on PATH (if any) is also considered, so on a machine whose
 * default java is 21+ the test is skipped.
 */
class LauncherTest {
  @TempDir Path dir;

  @Test
  void aJdkOlderThan21IsOneClearLine() throws Exception {
    Path launcher = Path.of(System.getProperty("rf.repo.root", "..")).resolve("reasonflow");
    Path oldJdk = fakeJdk("17.0.15");

    Process p =
        run(
            launcher,
            Map.of(
                "JAVA_HOME",
                oldJdk.toString(),
                "REASONFLOW_JDK_SEARCH",
                dir + "/none*",
                "PATH",
                "/usr/bin:/bin"));

    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(
        p.exitValue() != 0, "this machine's own java on PATH is 21+, so the launcher rightly runs");
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(err.strip().lines()).hasSize(1);
    assertThat(err)
        .startsWith("reasonflow: no JDK 21 or newer found")
        .contains(oldJdk.toString(), "install one");
  }

  /**
   * The first build takes minutes: the launcher says which module Maven is on, with the time so
   * far, rather than one line and silence. A fake Maven wrapper in a copy of the launcher's
   * directory prints the reactor lines Maven does.
   */
  @Test
  void theFirstBuildShowsEachModuleAsItStarts() throws Exception {
    Path root = dir.resolve("clone");
    Files.createDirectories(root);
    Files.copy(
        Path.of(System.getProperty("rf.repo.root", "..")).resolve("reasonflow"),
        root.resolve("reasonflow"));
    Path mvnw = root.resolve("mvnw");
    Files.writeString(
        mvnw,
        """
        #!/bin/sh
        echo '[INFO] Reactor Build Order:'
        echo '[INFO] Building ReasonFlow 0.1.0-SNAPSHOT                                 [1/3]'
        echo '[INFO] Building jar: /x/common.jar'
        echo '[INFO] Building ReasonFlow :: Common (model, config) 0.1.0-SNAPSHOT [2/3]'
        sleep 1
        echo '[INFO] Building ReasonFlow :: CLI 0.1.0-SNAPSHOT [3/3]'
        mkdir -p cli/target && echo '' > cli/target/classpath.txt
        echo '[INFO] BUILD SUCCESS'
        """);
    mvnw.toFile().setExecutable(true);
    Path jdk = fakeJdk("21.0.9");

    Process p =
        run(
            root.resolve("reasonflow"),
            Map.of(
                "JAVA_HOME",
                jdk.toString(),
                "REASONFLOW_JDK_SEARCH",
                dir + "/none*",
                "PATH",
                "/usr/bin:/bin"));

    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(err)
        .containsPattern("reasonflow: build \\[1/3\\] ReasonFlow \\(0:0\\d\\)")
        .containsPattern(
            "reasonflow: build \\[2/3\\] ReasonFlow :: Common \\(model, config\\) \\(0:0\\d\\)")
        .containsPattern("reasonflow: build \\[3/3\\] ReasonFlow :: CLI \\(0:0\\d\\)")
        .containsPattern("reasonflow: built in 0:0\\d")
        .doesNotContain("Building jar");
    assertThat(Files.readString(root.resolve("target/build.log"))).contains("BUILD SUCCESS");
  }

  @Test
  void serveGetsABoundedHeapUnlessOneIsGiven() throws Exception {
    // a copy of the launcher in a root that looks built, and a JDK 21 whose java records its
    // arguments
    Path root = Files.createDirectories(dir.resolve("rf"));
    Path launcher =
        Files.copy(
            Path.of(System.getProperty("rf.repo.root", "..")).resolve("reasonflow"),
            root.resolve("reasonflow"));
    Files.createDirectories(root.resolve("cli/target/classes"));
    Files.writeString(root.resolve("cli/target/classpath.txt"), "none.jar");
    Files.writeString(root.resolve("cli/target/.reasonflow-built"), "");
    Path args = dir.resolve("java-args.txt");
    Path jdk = dir.resolve("jdk-21");
    Files.createDirectories(jdk.resolve("bin"));
    Files.writeString(
        jdk.resolve("bin/java"),
        "#!/bin/sh\ncase \"$*\" in *XshowSettings*) "
            + "echo '    java.specification.version = 21' >&2; exit 0;; esac\nprintf '%s\\n' \"$@\" > "
            + args
            + "\n");
    Files.writeString(jdk.resolve("bin/javac"), "#!/bin/sh\nexit 0\n");
    jdk.resolve("bin/java").toFile().setExecutable(true);
    jdk.resolve("bin/javac").toFile().setExecutable(true);
    Map<String, String> env =
        Map.of(
            "JAVA_HOME",
            jdk.toString(),
            "REASONFLOW_JDK_SEARCH",
            dir + "/none*",
            "PATH",
            "/usr/bin:/bin");

    assertThat(run(launcher, env, "serve", "--help").exitValue()).isZero();
    assertThat(Files.readAllLines(args))
        .contains("-Xmx2g")
        .contains("io.reasonflow.cli.Main", "serve");

    Map<String, String> own = new java.util.HashMap<>(env);
    own.put("REASONFLOW_JAVA_OPTS", "-Xmx3g");
    assertThat(run(launcher, own, "serve", "--help").exitValue()).isZero();
    assertThat(Files.readAllLines(args)).contains("-Xmx3g").doesNotContain("-Xmx2g");

    Map<String, String> heap = new java.util.HashMap<>(env);
    heap.put("REASONFLOW_SERVE_HEAP", "5g");
    assertThat(run(launcher, heap, "serve", "--help").exitValue()).isZero();
    assertThat(Files.readAllLines(args)).contains("-Xmx5g");

    assertThat(run(launcher, env, "config").exitValue()).isZero();
    assertThat(Files.readAllLines(args)).noneMatch(a -> a.startsWith("-Xmx"));
  }

  /**
   * A directory that looks like a JDK of the given version to the launcher (it asks java for its
   * properties).
   */
  private Path fakeJdk(String version) throws IOException {
    Path home = dir.resolve("jdk-" + version);
    Files.createDirectories(home.resolve("bin"));
    String major = version.substring(0, version.indexOf('.'));
    Path java = home.resolve("bin/java");
    Files.writeString(
        java, "#!/bin/sh\necho '    java.specification.version = " + major + "' >&2\n");
    Files.writeString(home.resolve("bin/javac"), "#!/bin/sh\nexit 0\n");
    java.toFile().setExecutable(true);
    home.resolve("bin/javac").toFile().setExecutable(true);
    return home;
  }

  private static Process run(Path launcher, Map<String, String> env) throws Exception {
    return run(launcher, env, "--version");
  }

  private static Process run(Path launcher, Map<String, String> env, String... args)
      throws Exception {
    assumeTrue(Files.isRegularFile(Path.of("/bin/bash")), "needs bash");
    List<String> command = new java.util.ArrayList<>(List.of("/bin/bash", launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.environment().put("HOME", "/tmp");
    Process p = pb.start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return p;
  }
}
