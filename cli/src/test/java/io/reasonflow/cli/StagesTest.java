package io.reasonflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.features.flink.TrainItem2Vec;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs with the launcher's logging configuration, log4j2-cli.xml (cli/pom.xml sets it as
 * ./reasonflow does).
 */
class StagesTest {
  @Test
  void aPrintfLineOnStderrReachesTheConsoleWholeAndIndented() {
    StringWriter console = new StringWriter();
    Stages stages = new Stages(new PrintWriter(console), 1);

    stages.showingStderr(
        () -> {
          // an auto-flushing PrintStream flushes after each piece printf writes: the line must not
          // break there
          System.err.printf(
              "[features] item2vec: %,d item vectors from %,d tokens%n", 12_101, 198_502);
          System.err.print("a last line without a newline");
          return null;
        });

    assertThat(console.toString().lines().toList())
        .containsExactly(
            "      [features] item2vec: 12,101 item vectors from 198,502 tokens",
            "      a last line without a newline");
  }

  @Test
  void anOperatorsProgressLoggedOnATaskThreadShowsUnderItsStageAndFlinksOwnInfoDoesNot()
      throws Exception {
    // logging is set up before the stage starts, as in ./reasonflow: the appender must follow
    // System.err's swap
    Logger operator = LoggerFactory.getLogger(TrainItem2Vec.class);
    Logger flink = LoggerFactory.getLogger("org.apache.flink.runtime.taskmanager.Task");
    StringWriter console = new StringWriter();
    Stages stages = new Stages(new PrintWriter(console), 1);

    stages.showingStderr(
        () -> {
          // as in LocalFlink: the operator logs on a task thread, through the logger of its own
          // class
          Thread task =
              new Thread(
                  () -> {
                    operator.info("item2vec: epoch 2/5, 41,000 positions/s, ETA 0:12");
                    flink.info("Source: events switched to RUNNING");
                  },
                  "TrainItem2Vec (1/1)#0");
          task.start();
          try {
            task.join();
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
          return null;
        });

    assertThat(console.toString().lines().toList())
        .containsExactly("      item2vec: epoch 2/5, 41,000 positions/s, ETA 0:12");
  }
}
