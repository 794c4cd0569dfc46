package io.reasonflow.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.config.Config;
import io.reasonflow.features.core.FeatureSettings;
import io.reasonflow.features.core.Item2Vec;
import io.reasonflow.features.seqrec.LinearNextItem;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill's item2vec and next-item tasks start their native code together in one TaskManager;
 * JavaCPP's {@code Loader} and {@code Pointer} initialise each other, and two threads that each
 * begin with the other class deadlock for ever, silently (the demo hung that way in CI, and in one
 * run in eleven here). This test makes the unlucky timing certain rather than rare: in a fresh JVM
 * item2vec starts, and the next-item model starts the moment item2vec's thread is seen inside
 * {@code Loader}'s initialisation. Without {@link io.reasonflow.common.NativeLibraries} at both
 * entry points that JVM never ends.
 */
class NativeLoadingRaceITCase {
  private static final String RACED = "raced: next-item started while item2vec was in Loader";

  @TempDir Path dir;

  @Test
  void item2vecAndNextItemStartingTogetherDoNotDeadlock() throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    // the module and native-access flags the test JVM runs with (the libraries need them)
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--")) {
        cmd.add(a);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Race.class.getName()));
    Path out = dir.resolve("race.log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    boolean ended = p.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    String log = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(ended).as("the JVM deadlocked; it printed:%n%s", log).isTrue();
    assertThat(p.exitValue()).as(log).isZero();
    assertThat(log).as("the race was not set up, so nothing was shown").contains(RACED);
    assertThat(log).contains("both trained");
  }

  /** The child JVM: item2vec in one thread, the next-item model in another, timed to collide. */
  public static final class Race {
    public static void main(String[] args) throws Exception {
      Random rnd = new Random(7);
      List<List<String>> sessions = new ArrayList<>();
      List<int[]> sequences = new ArrayList<>();
      for (int u = 0; u < 300; u++) {
        int[] seq = new int[2 + rnd.nextInt(6)];
        List<String> items = new ArrayList<>();
        for (int t = 0; t < seq.length; t++) {
          seq[t] = rnd.nextInt(40);
          items.add("i" + seq[t]);
        }
        sequences.add(seq);
        sessions.add(items);
      }
      FeatureSettings fs =
          FeatureSettings.from(
              Config.load(
                  null, Map.of("features.item2vec.dim", "8", "features.item2vec.epochs", "1")));
      Thread item2vec = new Thread(() -> Item2Vec.train(sessions, fs, l -> {}), "item2vec");
      item2vec.start();
      // the moment item2vec's thread is inside JavaCPP's Loader initialisation
      boolean raced = false;
      while (item2vec.isAlive() && !raced) {
        for (StackTraceElement f : item2vec.getStackTrace()) {
          if (f.getClassName().equals("org.bytedeco.javacpp.Loader")
              && f.getMethodName().equals("<clinit>")) {
            raced = true;
            break;
          }
        }
      }
      if (raced) {
        System.out.println(RACED);
      }
      LinearNextItem.train(sequences, 40, new LinearNextItem.Settings(3, 0.5, 1, 10, 1), l -> {});
      item2vec.join();
      System.out.println("both trained");
    }
  }
}
