package io.reasonflow.reasons.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.reasons.ReasonSettings;
import io.reasonflow.reasons.TinyFeatures;
import io.reasonflow.reasons.realise.ItemNamer;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mapped catalogue answers as the heap one does, item by item and in every catalogue-wide
 * statistic built over it, and its statistics are computed once.
 */
class ItemCatalogTest {
  @TempDir Path dir;

  @Test
  void theMappedCatalogueAnswersAsTheHeapOne() {
    TinyFeatures f = new TinyFeatures(dir.resolve("features"));
    ItemCatalog heap = ItemCatalog.read(f.layout.items());
    ItemCatalog mapped = ItemCatalog.open(f.layout.items(), dir.resolve("cache"));
    assertThat(mapped.isMapped()).isTrue();
    assertThat(heap.isMapped()).isFalse();

    assertThat(mapped.size()).isEqualTo(heap.size()).isEqualTo(6);
    List<ItemFeatures> all = new ArrayList<>();
    heap.forEach(all::add);
    for (ItemFeatures item : all) {
      assertThat(mapped.get(item.id())).contains(item);
      assertThat(mapped.contains(item.id())).isTrue();
    }
    assertThat(mapped.get("Z")).isEmpty();
    assertThat(mapped.contains("Z")).isFalse();
    List<ItemFeatures> mappedAll = new ArrayList<>();
    mapped.forEach(mappedAll::add);
    assertThat(mappedAll).containsExactlyInAnyOrderElementsOf(all);
    assertThat(mapped.displayNames())
        .hasSize(6)
        .containsExactlyInAnyOrderElementsOf(heap.displayNames());
    assertThat(mapped.shopperCounts().sorted().toArray())
        .containsExactly(5, 8, 10, 20, 96, 100); // TinyFeatures' table
  }

  @Test
  void statisticsOverTheMappedCatalogueAreThoseOverItsTitles() {
    TinyFeatures f = new TinyFeatures(dir.resolve("features"));
    ItemCatalog mapped = ItemCatalog.open(f.layout.items(), dir.resolve("cache"));
    List<String> titles = List.copyOf(f.catalog.displayNames());

    TitleTerms overMapped = TitleTerms.over(mapped, 0.5);
    for (String a : titles) {
      assertThat(overMapped.salient(a)).isEqualTo(f.terms.salient(a));
      for (String b : titles) {
        assertThat(overMapped.shared(a, b)).isEqualTo(f.terms.shared(a, b));
      }
    }
    PopularityScale popularity =
        PopularityScale.of(mapped, ReasonSettings.from(f.config).evidence());
    for (int shoppers = 0; shoppers <= 101; shoppers++) {
      assertThat(popularity.bucket(shoppers)).isEqualTo(f.popularity.bucket(shoppers));
      assertThat(popularity.percentile(shoppers)).isEqualTo(f.popularity.percentile(shoppers));
    }
    assertThat(ProductTypes.forCatalogue(mapped)).isSameAs(ProductTypes.forCatalogue(titles));
    ItemNamer namer = ItemNamer.over(mapped);
    ItemNamer reference = ItemNamer.over(titles);
    for (String t : titles) {
      for (ReasonLocale locale : ReasonLocale.values()) {
        assertThat(namer.name(t, locale)).isEqualTo(reference.name(t, locale));
      }
    }
  }

  @Test
  void aDerivedValueIsComputedOncePerCatalogueForEveryThreadThatAsks() throws Exception {
    TinyFeatures f = new TinyFeatures(dir.resolve("features"));
    ItemCatalog mapped = ItemCatalog.open(f.layout.items(), dir.resolve("cache"));
    AtomicInteger passes = new AtomicInteger();
    ItemCatalog.Derived<Integer> longest =
        new ItemCatalog.Derived<>(
            c -> {
              passes.incrementAndGet();
              return c.displayNames().stream().mapToInt(String::length).max().orElse(0);
            });
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> asks = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        asks.add(() -> mapped.derived(longest));
      }
      for (Future<Integer> v : pool.invokeAll(asks)) {
        assertThat(v.get()).isEqualTo(48); // "OPI Nail Lacquer, Big Apple Red, 0.5 Fluid Ounce"
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(passes).hasValue(1);
    // another opening of the same file is another catalogue: a published version's own figures
    ItemCatalog.open(f.layout.items(), dir.resolve("cache")).derived(longest);
    assertThat(passes).hasValue(2);
  }

  @Test
  void aCacheDirectoryThatCannotBeUsedFallsBackToTheHeap() throws IOException {
    TinyFeatures f = new TinyFeatures(dir.resolve("features"));
    Path notADir = Files.writeString(dir.resolve("a-file"), "x");
    ItemCatalog c = ItemCatalog.open(f.layout.items(), notADir);
    assertThat(c.isMapped()).isFalse();
    assertThat(c.get("C").orElseThrow().shoppers()).isEqualTo(100);
  }

  /**
   * When the cache cannot be used the catalogue is read into the heap; a damaged or doubled
   * catalogue still stops there with one line naming the file and the fix, as the mapped path does.
   */
  @Test
  void aDamagedOrDoubledCatalogueInTheHeapStopsWithOneLine() throws IOException {
    Path notJson = dir.resolve("bad.jsonl");
    Files.writeString(notJson, "{\"item\": {\"id\": \"a\"}, \"vector\": [1, 2\n");
    assertThatThrownBy(() -> ItemCatalog.read(notJson))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("cannot read the catalogue " + notJson)
        .hasMessageContaining("run the feature job again")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

    TinyFeatures f = new TinyFeatures(dir.resolve("features"));
    List<ItemFeatures> items = new ArrayList<>();
    ItemCatalog.read(f.layout.items()).forEach(items::add);
    Path twice = Files.createDirectories(dir.resolve("twice.jsonl.gz"));
    JsonLines.writeAll(twice.resolve("part-a-0-0.jsonl.gz"), items);
    JsonLines.writeAll(twice.resolve("part-b-1-0.jsonl.gz"), items.subList(0, 1));
    assertThatThrownBy(() -> ItemCatalog.read(twice))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("item " + items.get(0).id() + " appears twice")
        .hasMessageContaining("run the feature job again");
  }
}
