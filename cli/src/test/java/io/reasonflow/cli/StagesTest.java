package io.reasonflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class StagesTest {
  @Test
  void aPrintfLineOnStderrReachesTheConsoleWholeAndIndented() {
    StringWriter console = new StringWriter();
    Stages stages = new Stages(new PrintWriter(console), 1);

    stages.showingStderr(() -> {
      // an auto-flushing PrintStream flushes after each piece printf writes: the line must not break there
      System.err.printf("[features] item2vec: %,d item vectors from %,d tokens%n", 12_101, 198_502);
      System.err.print("a last line without a newline");
      return null;
    });

    assertThat(console.toString().lines().toList()).containsExactly(
        "      [features] item2vec: 12,101 item vectors from 198,502 tokens",
        "      a last line without a newline");
  }
}
