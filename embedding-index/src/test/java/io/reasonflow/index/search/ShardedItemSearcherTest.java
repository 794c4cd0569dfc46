package io.reasonflow.index.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.index.ItemIndexWriter;
import io.reasonflow.index.ShardLayout;
import io.reasonflow.index.ShardRouter;
import io.reasonflow.index.ShardedItemIndex;
import io.reasonflow.index.TestItems;
import io.reasonflow.index.VectorFormat;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sharded index must answer exactly as one index of the same items does. Both are searched with a
 * beam as wide as the corpus, so every graph search is exhaustive and any difference is the
 * sharding's fault, not approximation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShardedItemSearcherTest {
  private static final int N = 600;
  private static final int SHARDS = 3;
  private static final IndexSettings EXACT = IndexSettings.DEFAULT.withEfSearch(N);

  private Path dir;
  private List<ItemFeatures> items;
  private ItemSearcher single;
  private ItemSearcher sharded;
  private ItemSearcher shardedParallel;
  private ExecutorService pool;

  @BeforeAll
  void build(@TempDir Path tmp) {
    dir = tmp;
    items = TestItems.clustered(N, 8, 24, 99);
    Path root = dir.resolve("sharded");
    try (ShardedItemIndex w = ShardedItemIndex.open(root, SHARDS, EXACT)) {
      assertThat(w.writeAll(ShardedItemIndex.of(items), n -> {})).isEqualTo(N);
      w.forceMerge();
      w.commit(Map.of("modelVersion", "3"));
    }
    // Lucene breaks score ties by document number; adding the items in shard order gives both
    // indexes the same numbering (the sharded view numbers shard 0's documents first), so ties rank
    // alike too.
    List<ItemFeatures> inShardOrder =
        items.stream()
            .sorted(
                Comparator.comparingInt((ItemFeatures f) -> ShardRouter.shardOf(f.id(), SHARDS)))
            .toList();
    try (ItemIndexWriter w = ItemIndexWriter.open(dir.resolve("single"), EXACT)) {
      inShardOrder.forEach(w::upsert);
      w.forceMerge();
      w.commit(Map.of("modelVersion", "3"));
    }
    single = ItemSearcher.open(dir.resolve("single"));
    sharded = ItemSearcher.open(root);
    pool = Executors.newFixedThreadPool(2);
    shardedParallel = ShardedItemSearcher.open(root, pool);
  }

  @AfterAll
  void close() {
    single.close();
    sharded.close();
    shardedParallel.close();
    pool.shutdownNow();
  }

  /** Ids and exact float scores, in order. */
  private static List<String> answers(List<SearchHit> hits) {
    return hits.stream().map(h -> h.itemId() + "=" + h.score() + "/" + h.matchedBy()).toList();
  }

  @Test
  void everyItemIsInTheShardItsIdRoutesTo() {
    ShardLayout layout = ShardLayout.read(dir.resolve("sharded"));
    int total = 0;
    for (int i = 0; i < SHARDS; i++) {
      try (ItemSearcher shard = ItemSearcher.open(layout.shardDir(i))) {
        total += shard.size();
        for (ItemFeatures f : items) {
          assertThat(shard.get(f.id()).isPresent())
              .isEqualTo(ShardRouter.shardOf(f.id(), SHARDS) == i);
        }
      }
    }
    assertThat(total).isEqualTo(N);
    assertThat(sharded.size()).isEqualTo(N);
    assertThat(sharded.vectorDimension()).contains(24);
    assertThat(sharded.commitUserData()).containsEntry("modelVersion", "3");
  }

  @Test
  void getFindsEveryItemWhereverItIs() {
    for (ItemFeatures f : items) {
      assertThat(sharded.get(f.id())).contains(f);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7, 123, 598})
  void similarItemsAnswerAsOneIndex(int anchor) {
    String id = TestItems.id(anchor);
    List<SearchHit> expected = single.similarItems(id, 10, ItemFilter.NONE);
    assertThat(expected).hasSize(10);
    assertThat(answers(sharded.similarItems(id, 10, ItemFilter.NONE))).isEqualTo(answers(expected));
    assertThat(answers(shardedParallel.similarItems(id, 10, ItemFilter.NONE)))
        .isEqualTo(answers(expected));
  }

  @Test
  void nearestIsExactAndAnswersAsOneIndex() {
    float[] q = TestItems.around(items.get(33).vector(), 0.5, new java.util.Random(5));
    List<SearchHit> expected = single.nearest(q, 25, Set.of(), ItemFilter.NONE);
    List<String> bruteForce =
        items.stream()
            .sorted(
                Comparator.comparingDouble((ItemFeatures f) -> -TestItems.cosine(q, f.vector())))
            .limit(25)
            .map(ItemFeatures::id)
            .toList();
    assertThat(expected).extracting(SearchHit::itemId).containsExactlyElementsOf(bruteForce);
    assertThat(answers(sharded.nearest(q, 25, Set.of(), ItemFilter.NONE)))
        .isEqualTo(answers(expected));
  }

  @Test
  void filteredAndExcludingQueriesAnswerAsOneIndex() {
    float[] q = items.get(5).vector();
    ItemFilter f = new ItemFilter("hair", "ACME", 20.0, 400.0);
    Set<String> exclude = Set.of(TestItems.id(5), TestItems.id(13), TestItems.id(21));
    List<SearchHit> expected = single.nearest(q, 10, exclude, f);
    Predicate<ItemFeatures> keep =
        it ->
            it.item().categoryPath().contains("Hair")
                && "Acme".equals(it.item().brand())
                && it.item().hasPrice()
                && it.item().price() >= 20
                && it.item().price() <= 400
                && !exclude.contains(it.id());
    assertThat(expected).hasSize(10).allSatisfy(h -> assertThat(keep.test(h.item())).isTrue());
    assertThat(answers(sharded.nearest(q, 10, exclude, f))).isEqualTo(answers(expected));
    // a filter so selective that each shard falls back to an exact scan of a handful of items
    ItemFilter tiny = new ItemFilter(null, null, 5.0, 30.0);
    assertThat(answers(sharded.nearest(q, 10, Set.of(), tiny)))
        .isEqualTo(answers(single.nearest(q, 10, Set.of(), tiny)));
  }

  @Test
  void textSearchAnswersAsOneIndex() {
    for (String text : List.of("cluster5 product", "cluster2", "product 17")) {
      List<SearchHit> expected = single.search(text, 20, ItemFilter.NONE);
      assertThat(expected).hasSize(20);
      assertThat(answers(sharded.search(text, 20, ItemFilter.NONE)))
          .as(text)
          .isEqualTo(answers(expected));
    }
    ItemFilter nails = new ItemFilter("Nails", null, null, null);
    assertThat(answers(sharded.search("cluster2", 10, nails)))
        .isEqualTo(answers(single.search("cluster2", 10, nails)));
  }

  @Test
  void refreshPicksUpOneShardsCommit(@TempDir Path other) {
    Path root = other.resolve("idx");
    List<ItemFeatures> few = items.subList(0, 50);
    try (ShardedItemIndex w = ShardedItemIndex.open(root, 2, EXACT)) {
      few.forEach(w::upsert);
      w.commit(Map.of());
      try (ItemSearcher s = ItemSearcher.open(root)) {
        long generation = s.generation();
        assertThat(s.size()).isEqualTo(50);
        ItemFeatures added = TestItems.item(10_000, 1, items.get(1).vector());
        w.upsert(added);
        w.shard(ShardRouter.shardOf(added.id(), 2)).commit(Map.of());
        s.refresh();
        assertThat(s.size()).isEqualTo(51);
        assertThat(s.generation()).isGreaterThan(generation);
        assertThat(s.similarItems(TestItems.id(1), 1, ItemFilter.NONE))
            .extracting(SearchHit::itemId)
            .containsExactly(added.id());
        w.delete(added.id());
        w.commit(Map.of());
        s.refresh();
        assertThat(s.get(added.id())).isEmpty();
      }
    }
  }

  /**
   * Shards committed separately (the streaming job's committer subtasks): the index reports the
   * least advanced shard's checkpoint, so one every shard has committed, and the newest model
   * version of any shard, as one index of all the items would.
   */
  @Test
  void reportsTheLeastAdvancedShardsCheckpointAndTheNewestModelVersion(@TempDir Path other) {
    Path root = other.resolve("idx");
    try (ShardedItemIndex w = ShardedItemIndex.open(root, 3, EXACT)) {
      items.subList(0, 30).forEach(w::upsert);
      w.shard(0).commit(Map.of("checkpointId", "7", "flinkJobId", "j", "modelVersion", "4"));
      w.shard(1)
          .commit(
              Map.of(
                  "checkpointId",
                  "6",
                  "flinkJobId",
                  "j",
                  "modelVersion",
                  "3",
                  "committedAtMs",
                  "100"));
      w.shard(2).commit(Map.of("checkpointId", "7", "flinkJobId", "j", "modelVersion", "5"));
      try (ItemSearcher s = ItemSearcher.open(root)) {
        assertThat(s.size()).isEqualTo(30);
        assertThat(s.commitUserData())
            .containsEntry("checkpointId", "6")
            .containsEntry("committedAtMs", "100")
            .containsEntry("flinkJobId", "j")
            .containsEntry("modelVersion", "5");
        // a shard that has committed no checkpoint yet: the index has none every shard committed
        w.shard(2).commit(Map.of("modelVersion", "0"));
        s.refresh();
        assertThat(s.commitUserData())
            .doesNotContainKey("checkpointId")
            .containsEntry("modelVersion", "4");
      }
    }
  }

  @Test
  void buildsFromTheFeatureJobsItemsFile(@TempDir Path other) {
    Path file = other.resolve("items.jsonl.gz");
    io.reasonflow.common.store.JsonLines.writeAll(file, items.subList(0, 120));
    io.reasonflow.index.IndexBuildStats stats =
        ShardedItemIndex.build(file, other.resolve("idx"), 4, EXACT);
    assertThat(stats.items()).isEqualTo(120);
    assertThat(stats.dimension()).isEqualTo(24);
    try (ItemSearcher s = ItemSearcher.open(other.resolve("idx"))) {
      assertThat(s.size()).isEqualTo(120);
      assertThat(s.commitUserData())
          .containsEntry("items", "120")
          .containsEntry("modelVersion", "3");
      assertThat(s.get(items.get(119).id())).contains(items.get(119));
    }
  }

  @Test
  void refusesIncompleteOrMixedShardSets(@TempDir Path other) throws Exception {
    Path root = other.resolve("idx");
    try (ItemIndexWriter w = ShardedItemIndex.openShard(root, 2, 0, EXACT)) {
      w.upsert(items.get(0));
      w.commit(Map.of());
    }
    assertThatThrownBy(() -> ItemSearcher.open(root))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("shard 1");
    try (ItemIndexWriter w =
        ShardedItemIndex.openShard(root, 2, 1, EXACT.withFormat(VectorFormat.INT8))) {
      w.upsert(items.get(1));
      w.commit(Map.of());
    }
    assertThatThrownBy(() -> ItemSearcher.open(root))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("different vector settings");
  }
}
