package io.reasonflow.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory-mapped co-view table answers as the heap one does, is built once per version of the
 * table, and is never read stale.
 */
class MappedCoViewTableTest {
  @TempDir Path dir;

  @Test
  void answersEveryPairAsTheHeapTableDoes() {
    // ids whose UTF-8 byte order differs from Java's char order (a supplementary character against
    // a high BMP one), and ids that are prefixes of others
    List<String> ids =
        new ArrayList<>(List.of("\uFF21", "\uD83D\uDE00", "a", "ab", "abc", "B", "é", "商品7"));
    for (int i = 0; i < 300; i++) {
      ids.add("item-" + i);
    }
    Random rnd = new Random(7);
    Map<String, Integer> pairs = new HashMap<>();
    for (int k = 0; k < 5_000; k++) {
      String a = ids.get(rnd.nextInt(ids.size()));
      String b = ids.get(rnd.nextInt(ids.size()));
      if (!a.equals(b)) {
        pairs.put(CoViewTable.key(a, b), 1 + rnd.nextInt(1000));
      }
    }
    Path file = dir.resolve("coviews.tsv.gz");
    CoViewTable.write(file, pairs);
    CoViewTable heap = CoViewTable.read(file);
    CoViewTable mapped = CoViewTable.open(file, dir.resolve("cache"));
    assertThat(mapped.isMapped()).isTrue();
    assertThat(heap.isMapped()).isFalse();
    assertThat(mapped.pairs()).isEqualTo(pairs.size());
    List<String> asked = new ArrayList<>(ids);
    asked.add("not-an-item");
    for (String a : asked) {
      for (String b : asked) {
        assertThat(mapped.count(a, b)).as("%s / %s", a, b).isEqualTo(heap.count(a, b));
      }
    }
  }

  @Test
  void anEmptyTableMapsAndAnswersZero() {
    Path file = dir.resolve("coviews.tsv.gz");
    CoViewTable.write(file, Map.of());
    CoViewTable t = CoViewTable.open(file, dir.resolve("cache"));
    assertThat(t.isMapped()).isTrue();
    assertThat(t.pairs()).isZero();
    assertThat(t.count("a", "b")).isZero();
  }

  @Test
  void buildsOnceForTasksOpeningTogetherAndAgainOnlyForANewVersion() throws Exception {
    Path file = dir.resolve("coviews.tsv.gz");
    CoViewTable.write(file, Map.of(CoViewTable.key("a", "b"), 3));
    Path cache = dir.resolve("cache");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        tasks.add(() -> CoViewTable.open(file, cache).count("b", "a"));
      }
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        assertThat(f.get()).isEqualTo(3);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(binaries(cache)).hasSize(1);

    // a new backfill into the same place: another file, and the new figure, never the old one
    CoViewTable.write(file, Map.of(CoViewTable.key("a", "b"), 5));
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    assertThat(CoViewTable.open(file, cache).count("a", "b")).isEqualTo(5);
    assertThat(binaries(cache)).hasSize(2);
  }

  @Test
  void aCacheDirectoryThatCannotBeUsedFallsBackToTheHeap() throws IOException {
    Path file = dir.resolve("coviews.tsv.gz");
    CoViewTable.write(file, Map.of(CoViewTable.key("a", "b"), 3));
    Path notADir = Files.writeString(dir.resolve("a-file"), "x");
    CoViewTable t = CoViewTable.open(file, notADir);
    assertThat(t.isMapped()).isFalse();
    assertThat(t.count("a", "b")).isEqualTo(3);
  }

  @Test
  void aMissingTableOrAPairTwiceStopsWithOneLine() throws IOException {
    assertThatThrownBy(() -> CoViewTable.open(dir.resolve("none.tsv.gz"), dir.resolve("cache")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("run the feature job first");
    Path table = Files.createDirectories(dir.resolve("coviews.tsv.gz"));
    CoViewTable.write(table.resolve("part-a-0-0.tsv.gz"), Map.of(CoViewTable.key("a", "b"), 2));
    CoViewTable.write(table.resolve("part-b-1-0.tsv.gz"), Map.of(CoViewTable.key("b", "a"), 4));
    assertThatThrownBy(() -> CoViewTable.open(table, dir.resolve("cache")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("co-view pair a / b twice");
  }

  @Test
  void aFileCutShortIsRefused() throws IOException {
    Path file = dir.resolve("coviews.tsv.gz");
    CoViewTable.write(file, Map.of(CoViewTable.key("a", "b"), 3, CoViewTable.key("a", "c"), 1));
    Path cache = dir.resolve("cache");
    CoViewTable.open(file, cache);
    Path bin = binaries(cache).get(0);
    byte[] whole = Files.readAllBytes(bin);
    Path cut = dir.resolve("cut.bin");
    Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 4));
    assertThatThrownBy(() -> CoViewFile.map(cut))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cut short");
  }

  @Test
  void aMappedFileCutShortIsBuiltAgainInItsPlace() throws IOException {
    Path file = dir.resolve("coviews.tsv.gz");
    CoViewTable.write(file, Map.of(CoViewTable.key("a", "b"), 3, CoViewTable.key("a", "c"), 1));
    Path cache = dir.resolve("cache");
    CoViewTable.open(file, cache);
    Path bin = binaries(cache).get(0);
    byte[] whole = Files.readAllBytes(bin);
    Files.write(bin, java.util.Arrays.copyOf(whole, whole.length - 4));
    CoViewTable t = CoViewTable.open(file, cache);
    assertThat(t.isMapped()).isTrue();
    assertThat(t.count("c", "a")).isEqualTo(1);
    assertThat(Files.readAllBytes(bin)).isEqualTo(whole);
  }

  private static List<Path> binaries(Path cache) throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".bin")).sorted().toList();
    }
  }
}
