package io.reasonflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CI's .ci/SlowestTests.java, run as CI runs it, on surefire and failsafe reports written here. */
class SlowestTestsScriptTest {
  @TempDir Path root;

  @Test
  void listsTheSlowestMethodsAndClassesOfBothReportKinds() throws Exception {
    report(
        "common/target/surefire-reports",
        "io.x.FastTest",
        "1.5",
        new String[][] {{"a", "0.5"}, {"b", "1.0"}});
    report(
        "reason-job/target/failsafe-reports",
        "io.x.ClusterITCase",
        "300.0",
        new String[][] {{"killsATaskManager", "250.0"}, {"quick", "0.1"}});
    report(
        "index/target/surefire-reports", "io.x.MiddleTest", "12.0", new String[][] {{"c", "11.9"}});
    Files.writeString(
        root.resolve("index/target/surefire-reports/TEST-io.x.Cut.xml"), "<testsuite name=");

    String out = run(2);

    List<String> lines = out.lines().toList();
    int methods = lines.indexOf("CI: 2 slowest tests of 5 (264 s in all):");
    assertThat(methods).as(out).isNotNegative();
    assertThat(lines.get(methods + 1))
        .contains("250.0 s", "failsafe", "ClusterITCase.killsATaskManager");
    assertThat(lines.get(methods + 2)).contains("11.9 s", "surefire", "MiddleTest.c");
    int classes =
        lines.indexOf("CI: 2 slowest test classes (set-up included) of 3 (314 s in all):");
    assertThat(lines.get(classes + 1)).contains("300.0 s", "io.x.ClusterITCase");
    assertThat(lines.get(classes + 2)).contains("12.0 s", "io.x.MiddleTest");
    assertThat(out).contains("skipping unreadable report").doesNotContain("Exception in thread");
  }

  private void report(String dir, String suite, String time, String[][] cases) throws Exception {
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\""
                + suite
                + "\" time=\""
                + time
                + "\" tests=\""
                + cases.length
                + "\">\n");
    for (String[] c : cases) {
      xml.append("  <testcase name=\"")
          .append(c[0])
          .append("\" classname=\"")
          .append(suite)
          .append("\" time=\"")
          .append(c[1])
          .append("\"/>\n");
    }
    Path d = Files.createDirectories(root.resolve(dir));
    Files.writeString(d.resolve("TEST-" + suite + ".xml"), xml.append("</testsuite>\n"));
  }

  private String run(int n) throws Exception {
    Path script =
        Path.of(System.getProperty("rf.repo.root", "..")).resolve(".ci/SlowestTests.java");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(java, script.toString(), root.toString(), Integer.toString(n))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
