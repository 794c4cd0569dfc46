package io.reasonflow.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.CoView;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 * The memory-mapped catalogue gives back every item exactly as the JSON-lines file holds it, is
 * built once per version of the file, is never read stale, and is built again when damaged.
 */
class CatalogueFileTest {
  @TempDir Path dir;

  /**
   * Items with everything a catalogue row can hold: ids whose UTF-8 byte order differs from Java's
   * char order, ids that are prefixes of others, and ids with one hash code ("Aa", "BB"); titles in
   * several scripts, empty, and one with an unpaired surrogate (which UTF-8 cannot carry); brands
   * and none; category paths; prices and none; both vector sources; neighbours and none.
   */
  static List<ItemFeatures> varied(int n, long seed) {
    List<String> ids =
        new ArrayList<>(
            List.of("\uFF21", "\uD83D\uDE00", "a", "ab", "abc", "B", "é", "商品7", "Aa", "BB"));
    for (int i = 0; ids.size() < n; i++) {
      ids.add("item-" + i);
    }
    Random rnd = new Random(seed);
    List<ItemFeatures> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String title =
          switch (i % 5) {
            case 0 -> "OPI Nail Lacquer, Big Apple Red, 0.5 Fluid Ounce #" + i;
            case 1 -> "";
            case 2 -> "Suave 干洗喷雾 " + i + " \uD83D\uDE00";
            case 3 -> "broken \uD800 surrogate " + i;
            default -> "Seche Vite Dry Fast Top Coat " + i;
          };
      float[] v = new float[i % 7 == 0 ? 0 : 64];
      for (int d = 0; d < v.length; d++) {
        v[d] = (float) rnd.nextGaussian();
      }
      List<CoView> coViews = new ArrayList<>();
      for (int k = 0; k < i % 4 * 5; k++) {
        coViews.add(new CoView(ids.get(rnd.nextInt(n)), 1 + rnd.nextInt(50), rnd.nextDouble()));
      }
      out.add(
          new ItemFeatures(
              new Item(
                  ids.get(i),
                  title,
                  i % 3 == 0 ? null : "Brand " + i % 11,
                  i % 2 == 0 ? List.of() : List.of("Beauty", "Nails", "Polish " + i),
                  i % 4 == 0 ? Double.NaN : i * 0.25),
              v,
              1_000_000L + i,
              i % 6 == 0 ? ItemFeatures.VectorSource.CONTENT : ItemFeatures.VectorSource.BEHAVIOUR,
              rnd.nextInt(500),
              coViews));
    }
    return out;
  }

  /** The items in two part files, as the backfill writes them. */
  private Path writeParts(List<ItemFeatures> items) throws IOException {
    Path parts = Files.createDirectories(dir.resolve("items.jsonl.gz"));
    int half = items.size() / 2;
    JsonLines.writeAll(parts.resolve("part-a-0-0.jsonl.gz"), items.subList(0, half));
    JsonLines.writeAll(parts.resolve("part-b-1-0.jsonl.gz"), items.subList(half, items.size()));
    return parts;
  }

  @Test
  void givesBackEveryItemAsTheJsonLinesFileHoldsIt() throws IOException {
    Path parts = writeParts(varied(400, 1));
    List<ItemFeatures> expected = JsonLines.readAll(parts, ItemFeatures.class);
    CatalogueFile mapped = CatalogueFile.open(parts, dir.resolve("cache"));

    assertThat(mapped.size()).isEqualTo(expected.size());
    for (ItemFeatures f : expected) {
      assertThat(mapped.get(f.id())).as(f.id()).contains(f);
      int i = mapped.find(f.id());
      assertThat(mapped.id(i)).isEqualTo(f.id());
      assertThat(mapped.title(i)).isEqualTo(f.item().title());
      assertThat(mapped.shoppers(i)).isEqualTo(f.shoppers());
    }
    // numbered in ascending order of the ids' UTF-8 bytes, each once
    List<byte[]> ids = new ArrayList<>();
    for (int i = 0; i < mapped.size(); i++) {
      ids.add(mapped.id(i).getBytes(StandardCharsets.UTF_8));
      assertThat(mapped.features(i).id()).isEqualTo(mapped.id(i));
    }
    List<byte[]> sorted = new ArrayList<>(ids);
    sorted.sort(Arrays::compareUnsigned);
    assertThat(ids).isEqualTo(sorted);
  }

  @Test
  void anItemItDoesNotHaveIsAbsent() throws IOException {
    Path parts = writeParts(varied(50, 2));
    CatalogueFile mapped = CatalogueFile.open(parts, dir.resolve("cache"));
    // "C#" has the hash code of "Aa" and "BB"; "\uD800" is no text, and UTF-8 would make it "?"
    for (String absent : List.of("", "item-", "item-50", "abcd", "A", "C#", "\uD800", "?")) {
      assertThat(mapped.find(absent)).as(absent).isEqualTo(-1);
      assertThat(mapped.get(absent)).isEmpty();
    }
  }

  @Test
  void rowsStayWithinTheirChunksWhenChunksAreSmall() throws IOException {
    Path parts = writeParts(varied(300, 3));
    Path file = dir.resolve("small-chunks.bin");
    // 1 KiB chunks against rows of up to about 1 KB: many rows would cross one, and are moved
    CatalogueFile.write(parts, file, CatalogueFile.MIN_CHUNK_SHIFT);
    CatalogueFile mapped = CatalogueFile.map(file);
    for (ItemFeatures f : JsonLines.readAll(parts, ItemFeatures.class)) {
      assertThat(mapped.get(f.id())).as(f.id()).contains(f);
    }
  }

  @Test
  void anEmptyCatalogueMaps() throws IOException {
    Path file = dir.resolve("items.jsonl.gz");
    JsonLines.writeAll(file, List.of());
    CatalogueFile mapped = CatalogueFile.open(file, dir.resolve("cache"));
    assertThat(mapped.size()).isZero();
    assertThat(mapped.get("a")).isEmpty();
  }

  @Test
  void buildsOnceForTasksOpeningTogetherAndAgainOnlyForANewVersion() throws Exception {
    Path file = dir.resolve("items.jsonl.gz");
    JsonLines.writeAll(file, varied(20, 4));
    Path cache = dir.resolve("cache");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        tasks.add(() -> CatalogueFile.open(file, cache).get("a").orElseThrow().shoppers());
      }
      int shoppers = JsonLines.readAll(file, ItemFeatures.class).get(2).shoppers(); // "a"
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        assertThat(f.get()).isEqualTo(shoppers);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(binaries(cache)).hasSize(1);

    // a new backfill into the same place: another file, and the new figures, never the old ones
    List<ItemFeatures> again = varied(20, 5);
    JsonLines.writeAll(file, again);
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    CatalogueFile reopened = CatalogueFile.open(file, cache);
    for (ItemFeatures f : again) {
      assertThat(reopened.get(f.id())).contains(f);
    }
    assertThat(binaries(cache)).hasSize(2);
  }

  @Test
  void aDamagedCacheFileIsBuiltAgainInItsPlace() throws IOException {
    Path file = dir.resolve("items.jsonl.gz");
    List<ItemFeatures> items = varied(60, 6);
    JsonLines.writeAll(file, items);
    Path cache = dir.resolve("cache");
    CatalogueFile.open(file, cache);
    Path bin = binaries(cache).get(0);
    byte[] whole = Files.readAllBytes(bin);

    Map<String, byte[]> damages = new HashMap<>();
    byte[] flipped = whole.clone();
    flipped[whole.length / 2] ^= 0x10; // one bit in the rows: the figures would be wrong
    damages.put("a flipped bit", flipped);
    damages.put("cut short", Arrays.copyOf(whole, whole.length - 3));
    byte[] otherVersion = whole.clone();
    otherVersion[7] = 99; // the header's format version
    damages.put("another version", otherVersion);
    damages.put("empty", new byte[0]);
    for (Map.Entry<String, byte[]> d : damages.entrySet()) {
      Files.write(bin, d.getValue());
      CatalogueFile reopened = CatalogueFile.open(file, cache);
      for (ItemFeatures f : items) {
        assertThat(reopened.get(f.id())).as(d.getKey()).contains(f);
      }
      assertThat(Files.readAllBytes(bin)).as(d.getKey()).isEqualTo(whole);
    }
  }

  @Test
  void aDamagedFileIsNeverMapped() throws IOException {
    Path file = dir.resolve("items.jsonl.gz");
    JsonLines.writeAll(file, varied(30, 7));
    Path bin = dir.resolve("items.bin");
    CatalogueFile.write(file, bin, CatalogueFile.CHUNK_SHIFT);
    byte[] whole = Files.readAllBytes(bin);

    Path cut = dir.resolve("cut.bin");
    Files.write(cut, Arrays.copyOf(whole, whole.length - 4));
    assertThatThrownBy(() -> CatalogueFile.map(cut))
        .isInstanceOf(StoreCache.Damaged.class)
        .hasMessageContaining("cut short");
    // the item count, the checksum, the header's last (zero) bytes, a row, an id
    for (int at : new int[] {8, 36, 44, 60, whole.length - 1}) {
      byte[] b = whole.clone();
      b[at] ^= 1;
      Path flipped = dir.resolve("flipped-" + at + ".bin");
      Files.write(flipped, b);
      assertThatThrownBy(() -> CatalogueFile.map(flipped))
          .as("byte %d", at)
          .isInstanceOf(StoreCache.Damaged.class);
    }
  }

  @Test
  void aMissingDamagedOrDoubledCatalogueStopsWithOneLine() throws IOException {
    Path cache = dir.resolve("cache");
    assertThatThrownBy(() -> CatalogueFile.open(dir.resolve("none.jsonl.gz"), cache))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("run the feature job first");

    Path notJson = dir.resolve("bad.jsonl");
    Files.writeString(notJson, "{\"item\": {\"id\": \"a\"}, \"vector\": [1, 2\n");
    assertThatThrownBy(() -> CatalogueFile.open(notJson, cache))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("cannot read the catalogue " + notJson)
        .hasMessageContaining("run the feature job again")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

    List<ItemFeatures> items = varied(10, 8);
    Path twice = Files.createDirectories(dir.resolve("twice.jsonl.gz"));
    JsonLines.writeAll(twice.resolve("part-a-0-0.jsonl.gz"), items);
    JsonLines.writeAll(twice.resolve("part-b-1-0.jsonl.gz"), items.subList(3, 4));
    assertThatThrownBy(() -> CatalogueFile.open(twice, cache))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("has the item " + items.get(3).id() + " twice");
    // nothing half-built is left behind
    try (Stream<Path> files = Files.list(cache)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".lock")))
          .isEmpty();
    }
  }

  private static List<Path> binaries(Path cache) throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".bin"))
          .sorted(Comparator.naturalOrder())
          .toList();
    }
  }
}
