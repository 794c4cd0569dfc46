package io.reasonflow.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules every mapped store's cache follows, with a store that is a plain text file. */
class StoreCacheTest {
  private static final StoreCache.Kind TEXT =
      new StoreCache.Kind("text-", "T1", "text store", "lines");
  private static final StoreCache.Kind OTHER =
      new StoreCache.Kind("other-", "", "other store", "lines");

  @TempDir Path dir;

  private static String mapSound(Path file) throws IOException {
    String s = Files.readString(file);
    if (!s.endsWith("\n")) {
      throw new StoreCache.Damaged(file + " has no last line");
    }
    return s;
  }

  @Test
  void aFileStillDamagedAfterItIsBuiltAgainStopsWithOneLine() throws IOException {
    Path part = Files.writeString(dir.resolve("part"), "x\n");
    AtomicInteger builds = new AtomicInteger();
    assertThatThrownBy(
            () ->
                StoreCache.open(
                    List.of(part),
                    dir.resolve("cache"),
                    TEXT,
                    tmp -> {
                      builds.incrementAndGet();
                      Files.writeString(tmp, "cut"); // every build unsound: a failing disk
                      return 1;
                    },
                    StoreCacheTest::mapSound))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("is damaged right after it was built (")
        .hasMessageContaining("set reasons.store-cache-dir to another local directory")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThat(builds).hasValue(2); // once, and once again, not on and on
  }

  @Test
  void aBuildThatFailsLeavesNothingAndTheNextOpenBuilds() throws IOException {
    Path part = Files.writeString(dir.resolve("part"), "x\n");
    Path cache = dir.resolve("cache");
    assertThatThrownBy(
            () ->
                StoreCache.open(
                    List.of(part),
                    cache,
                    TEXT,
                    tmp -> {
                      Files.writeString(tmp, "half");
                      throw new IOException("disk full");
                    },
                    StoreCacheTest::mapSound))
        .hasMessage("disk full");
    assertThat(names(cache)).allMatch(n -> n.endsWith(".lock"));
    assertThat(StoreCache.open(List.of(part), cache, TEXT, write("x\n"), StoreCacheTest::mapSound))
        .isEqualTo("x\n");
  }

  @Test
  void onlyUnusedFilesOfTheSameKindAreRemovedWhenANewOneIsBuilt() throws IOException {
    Path cache = Files.createDirectories(dir.resolve("cache"));
    FileTime twoDaysAgo =
        FileTime.fromMillis(System.currentTimeMillis() - Duration.ofDays(2).toMillis());
    Path oldText = Files.writeString(cache.resolve("text-0123.bin"), "old\n");
    Path oldOther = Files.writeString(cache.resolve("other-0123.bin"), "old\n");
    Path recentText = Files.writeString(cache.resolve("text-4567.bin"), "recent\n");
    Files.setLastModifiedTime(oldText, twoDaysAgo);
    Files.setLastModifiedTime(oldOther, twoDaysAgo);

    Path part = Files.writeString(dir.resolve("part"), "x\n");
    StoreCache.open(List.of(part), cache, TEXT, write("new\n"), StoreCacheTest::mapSound);
    assertThat(oldText).doesNotExist();
    assertThat(oldOther).exists(); // another kind's: its own builds clean it
    assertThat(recentText).exists(); // opened within a day: a task may still be using it
  }

  @Test
  void theFormatIsPartOfTheFilesName() throws IOException {
    Path part = Files.writeString(dir.resolve("part"), "x\n");
    assertThat(StoreCache.fingerprint(List.of(part), "T1"))
        .isNotEqualTo(StoreCache.fingerprint(List.of(part), "T2"))
        .isNotEqualTo(StoreCache.fingerprint(List.of(part), ""));
    Path cache = dir.resolve("cache");
    StoreCache.open(List.of(part), cache, TEXT, write("x\n"), StoreCacheTest::mapSound);
    StoreCache.open(List.of(part), cache, OTHER, write("x\n"), StoreCacheTest::mapSound);
    assertThat(names(cache).stream().filter(n -> n.endsWith(".bin"))).hasSize(2);
  }

  private static StoreCache.Builder write(String text) {
    return tmp -> {
      Files.writeString(tmp, text);
      return 1;
    };
  }

  private static List<String> names(Path cache) throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
