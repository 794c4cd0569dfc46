package io.reasonflow.common.seqrec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The next-item model file round-trips, its scorer computes the blend eval-recs reports, and a
 * damaged file is refused with a message naming it.
 *
 * <p>Hand model over items A, B, C, D (indices 0-3), linear window 2 with decay 0.5: linear rows A
 * -> {C: 2}, B -> {D: 4}; transitions A -> {B: 1, D: 0.5}, B -> {C: 1}. After the history A, B (B
 * newest): the kNN anchors are B (weight 1) then A (weight knnDecay 0.5): seq = {B: 0.5, C: 1, D:
 * 0.25}, max 1; the linear source is B at 1 and A at 0.5: lin = {C: 1, D: 4}, max 4. At knnWeight
 * 0.25: A 0, B 0.25 x 0.5 = 0.125, C 0.25 x 1 + 0.75 x 0.25 = 0.4375, D 0.25 x 0.25 + 0.75 x 1 =
 * 0.8125.
 */
class NextItemFileTest {
  private static final double EPS = 1e-6;

  @TempDir Path dir;

  static NextItemFile model() {
    return new NextItemFile(
        "by hand",
        2,
        0.5,
        List.of("A", "B", "C", "D"),
        new NextItemFile.Table(new int[][] {{2}, {3}, {}, {}}, new float[][] {{2}, {4}, {}, {}}),
        new NextItemFile.Table(
            new int[][] {{1, 3}, {2}, {}, {}}, new float[][] {{1, 0.5f}, {1}, {}, {}}));
  }

  @Test
  void roundTripsAndScoresTheBlend() throws IOException {
    Path file = dir.resolve(NextItemFile.FILE_NAME);
    model().write(file);
    NextItemScorer s = NextItemScorer.load(file);
    assertThat(s.itemIds()).containsExactly("A", "B", "C", "D");
    assertThat(s.trainedWith()).isEqualTo("by hand");
    double[] scores = s.score(List.of("A", "B"), new NextItemScorer.Blend(0.25, 0.5));
    assertThat(scores[0]).isCloseTo(0, within(EPS));
    assertThat(scores[1]).isCloseTo(0.125, within(EPS));
    assertThat(scores[2]).isCloseTo(0.4375, within(EPS));
    assertThat(scores[3]).isCloseTo(0.8125, within(EPS));
  }

  /**
   * A writer replaces the file over and over (as the streaming job's refits do) with models of
   * different sizes while a reader keeps reading it: every read is a whole model, the old or the
   * new, and no file written aside is left behind. Written in place, a read would find the file cut
   * short.
   */
  @Test
  void aReplacedFileIsReadWholeOldOrNewWhileItIsWritten() throws Exception {
    Path file = dir.resolve(NextItemFile.FILE_NAME);
    NextItemFile small = model();
    NextItemFile large = wide(2_000);
    small.write(file);
    java.util.concurrent.atomic.AtomicBoolean writing =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread writer =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < 40; i++) {
                  (i % 2 == 0 ? large : small).write(file);
                }
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              } finally {
                writing.set(false);
              }
            },
            "next-item-writer");
    writer.start();
    int reads = 0;
    while (writing.get() || reads == 0) {
      NextItemFile read = NextItemFile.read(file); // throws on half a file
      assertThat(read.itemIds().size()).isIn(4, 2_000);
      reads++;
    }
    writer.join();
    assertThat(reads).isPositive();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("nothing written aside is left")
          .containsExactly(NextItemFile.FILE_NAME);
    }
  }

  /** A model over {@code n} items, each followed by the next: big enough to take several writes. */
  private static NextItemFile wide(int n) {
    List<String> ids = new java.util.ArrayList<>();
    int[][] t = new int[n][];
    float[][] w = new float[n][];
    for (int i = 0; i < n; i++) {
      ids.add("item-" + i);
      t[i] = new int[] {(i + 1) % n};
      w[i] = new float[] {1};
    }
    return new NextItemFile(
        "wide", 2, 0.5, ids, new NextItemFile.Table(t, w), new NextItemFile.Table(t, w));
  }

  @Test
  void unknownItemsAreSkippedAndAnEmptyHistoryScoresNothing() {
    NextItemScorer s = new NextItemScorer(model());
    NextItemScorer.Blend b = new NextItemScorer.Blend(0.25, 0.5);
    assertThat(s.score(List.of("A", "nope", "B"), b))
        .containsExactly(s.score(List.of("A", "B"), b));
    assertThat(Arrays.stream(s.score(List.of("nope"), b)).max().getAsDouble()).isZero();
  }

  @Test
  void refusesAFileOfAnotherKind() throws IOException {
    Path file = Files.writeString(dir.resolve("m.bin"), "not a model");
    assertThatThrownBy(() -> NextItemFile.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not a next-item model file");
  }

  @Test
  void refusesAnotherFormatVersion() throws IOException {
    Path file = dir.resolve("m.bin");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      out.writeUTF(NextItemFile.MAGIC);
      out.writeInt(NextItemFile.FORMAT_VERSION + 1);
    }
    assertThatThrownBy(() -> NextItemFile.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("format version " + (NextItemFile.FORMAT_VERSION + 1))
        .hasMessageContaining("retrain");
  }

  @Test
  void refusesAFileCutShort() throws IOException {
    Path file = dir.resolve("m.bin");
    model().write(file);
    byte[] all = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(all, all.length - 3));
    assertThatThrownBy(() -> NextItemFile.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cut short");
  }

  @Test
  void refusesARowNamingAnItemOutsideTheList() throws IOException {
    Path file = dir.resolve("m.bin");
    NextItemFile m = model();
    new NextItemFile(
            m.trainedWith(),
            m.window(),
            m.decay(),
            m.itemIds(),
            new NextItemFile.Table(
                new int[][] {{9}, {3}, {}, {}}, new float[][] {{2}, {4}, {}, {}}),
            m.transitions())
        .write(file);
    assertThatThrownBy(() -> NextItemFile.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("corrupt")
        .hasMessageContaining("item 9");
  }
}
