package io.reasonflow.index.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.index.ItemIndexWriter;
import io.reasonflow.index.ItemSchema;
import io.reasonflow.index.TestItems;
import io.reasonflow.index.VectorFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ItemSearcherTest {
  private static final int N = 400;
  private static final int CLUSTERS = 8;
  private static final int DIM = 24;

  @TempDir Path dir;
  private List<ItemFeatures> items;
  private ItemSearcher searcher;

  @BeforeEach
  void buildIndex() {
    items = TestItems.clustered(N, CLUSTERS, DIM, 2024);
    searcher = index(dir, IndexSettings.DEFAULT);
  }

  @AfterEach
  void close() {
    searcher.close();
  }

  private ItemSearcher index(Path at, IndexSettings settings) {
    try (ItemIndexWriter w = ItemIndexWriter.open(at, settings)) {
      items.forEach(w::upsert);
      w.commit(Map.of());
    }
    return ItemSearcher.open(at);
  }

  /** Exact top-k ids among items passing {@code keep}, by cosine to {@code q}. */
  private List<String> bruteForce(float[] q, int k, Predicate<ItemFeatures> keep) {
    return items.stream()
        .filter(keep)
        .sorted(Comparator.comparingDouble((ItemFeatures f) -> -TestItems.cosine(q, f.vector())))
        .limit(k)
        .map(ItemFeatures::id)
        .toList();
  }

  @Test
  void nearestMatchesExactTopKAndScoresAreCosines() {
    float[] q = items.get(17).vector();
    List<SearchHit> hits = searcher.nearest(q, 10, Set.of(), ItemFilter.NONE);
    assertThat(hits)
        .extracting(SearchHit::itemId)
        .containsExactlyElementsOf(bruteForce(q, 10, f -> true));
    for (SearchHit h : hits) {
      assertThat((double) h.score())
          .isCloseTo(TestItems.cosine(q, h.item().vector()), within(1e-4));
      assertThat(h.matchedBy()).isEqualTo(SearchHit.VECTOR);
    }
  }

  @Test
  void hitsAreRankedByTheExactCosineThenIdWhateverTheDocumentOrder(@TempDir Path other) {
    // item-5 is indexed before item-2 with the very same vector: Lucene ranks equal scores by
    // document, so it would answer item-5 first; the exact rescoring ranks by score, then id, the
    // order an identical request always gets
    float[] shared = items.get(40).vector();
    List<ItemFeatures> twins = new ArrayList<>(items.subList(100, 160));
    twins.add(0, TestItems.item(5, 0, shared.clone()));
    twins.add(TestItems.item(2, 0, shared.clone()));
    try (ItemIndexWriter w = ItemIndexWriter.open(other, IndexSettings.DEFAULT)) {
      twins.forEach(w::upsert);
      w.commit(Map.of());
    }
    try (ItemSearcher s = ItemSearcher.open(other)) {
      List<SearchHit> hits = s.nearest(shared, 5, Set.of(), ItemFilter.NONE);
      assertThat(hits).extracting(SearchHit::itemId).startsWith(TestItems.id(2), TestItems.id(5));
      float[] unit = ItemSchema.unitOrNull(shared);
      for (SearchHit h : hits) {
        float[] v = ItemSchema.unitOrNull(h.item().vector());
        double dot = 0;
        for (int i = 0; i < v.length; i++) {
          dot += (double) unit[i] * v[i];
        }
        assertThat(h.score()).as("score of %s", h.itemId()).isEqualTo((float) dot);
      }
      assertThat(s.nearestIds(shared, 5, Set.of(), ItemFilter.NONE))
          .extracting(ItemScore::itemId)
          .containsExactlyElementsOf(hits.stream().map(SearchHit::itemId).toList());
    }
  }

  @Test
  void nearestIdsAreNearestsHitsWithoutTheirItems() {
    float[] q = items.get(17).vector();
    Set<String> exclude = Set.of(TestItems.id(1), TestItems.id(9));
    assertThat(searcher.nearestIds(q, 20, exclude, ItemFilter.NONE))
        .isEqualTo(idsAndScores(q, 20, exclude));
    // a second commit: a second segment, and the moved item's first document deleted in the first
    // segment
    ItemFeatures old = items.get(3);
    ItemFeatures moved =
        new ItemFeatures(
            old.item(),
            q.clone(),
            old.modelVersion(),
            old.vectorSource(),
            old.shoppers(),
            old.coViews());
    try (ItemIndexWriter w = ItemIndexWriter.open(dir, IndexSettings.DEFAULT)) {
      w.upsert(moved);
      w.commit(Map.of());
    }
    searcher.refresh();
    assertThat(searcher.nearestIds(q, 20, exclude, ItemFilter.NONE))
        .isEqualTo(idsAndScores(q, 20, exclude))
        .extracting(ItemScore::itemId)
        .contains(TestItems.id(3));
  }

  private List<ItemScore> idsAndScores(float[] q, int k, Set<String> exclude) {
    return searcher.nearest(q, k, exclude, ItemFilter.NONE).stream()
        .map(h -> new ItemScore(h.itemId(), h.score()))
        .toList();
  }

  @Test
  void similarItemsExcludesTheItemAndFindsItsCluster() {
    List<SearchHit> hits = searcher.similarItems(TestItems.id(3), 10, ItemFilter.NONE);
    assertThat(hits).hasSize(10).extracting(SearchHit::itemId).doesNotContain(TestItems.id(3));
    // items of one cluster are i ≡ c (mod CLUSTERS); the test vectors keep clusters well apart
    assertThat(hits)
        .allSatisfy(
            h -> assertThat(Integer.parseInt(h.itemId().substring(5)) % CLUSTERS).isEqualTo(3));
  }

  @Test
  void filtersRestrictHitsAndStillFillK() {
    float[] q = items.get(5).vector();
    ItemFilter f = new ItemFilter("hair", "ACME", 20.0, 300.0);
    Predicate<ItemFeatures> keep =
        it ->
            it.item().categoryPath().contains("Hair")
                && "Acme".equals(it.item().brand())
                && it.item().hasPrice()
                && it.item().price() >= 20
                && it.item().price() <= 300;
    List<SearchHit> hits = searcher.nearest(q, 10, Set.of(), f);
    assertThat(hits)
        .extracting(SearchHit::itemId)
        .containsExactlyElementsOf(bruteForce(q, 10, keep));
    assertThat(hits).hasSize(10);
  }

  @Test
  void priceFilterNeverMatchesUnknownPrices() {
    List<SearchHit> hits =
        searcher.nearest(
            items.get(9).vector(), 50, Set.of(), new ItemFilter(null, null, 0.0, null));
    assertThat(hits).hasSize(50).allSatisfy(h -> assertThat(h.item().item().hasPrice()).isTrue());
  }

  @Test
  void exclusionsStillReturnKHits() {
    float[] q = items.get(40).vector();
    Set<String> exclude = new HashSet<>(bruteForce(q, 45, f -> true)); // the whole cluster's best
    List<SearchHit> hits = searcher.nearest(q, 10, exclude, ItemFilter.NONE);
    assertThat(hits).hasSize(10).extracting(SearchHit::itemId).doesNotContainAnyElementsOf(exclude);
    assertThat(hits)
        .extracting(SearchHit::itemId)
        .containsExactlyElementsOf(bruteForce(q, 10, f -> !exclude.contains(f.id())));
  }

  @Test
  void manyExclusionsStillReturnTheBestOfTheRest() {
    float[] q = items.get(40).vector();
    Set<String> exclude =
        new HashSet<>(bruteForce(q, ItemSearcher.MAX_DROPPED_EXCLUSIONS + 20, f -> true));
    List<SearchHit> hits = searcher.nearest(q, 10, exclude, ItemFilter.NONE);
    assertThat(hits)
        .extracting(SearchHit::itemId)
        .containsExactlyElementsOf(bruteForce(q, 10, f -> !exclude.contains(f.id())));
  }

  @Test
  void anUpdatedItemIsReadAfreshAfterRefresh() {
    String anchor = TestItems.id(15);
    String neighbour =
        searcher.similarItems(anchor, 10, ItemFilter.NONE).get(0).itemId(); // now read once
    ItemFeatures before = searcher.get(neighbour).orElseThrow();
    ItemFeatures after =
        new ItemFeatures(
            before.item(),
            before.vector(),
            before.modelVersion() + 1,
            before.vectorSource(),
            before.shoppers() + 100,
            before.coViews());
    try (ItemIndexWriter w = ItemIndexWriter.open(dir, IndexSettings.DEFAULT)) {
      w.upsert(after);
      w.commit(Map.of());
    }
    searcher.refresh();
    assertThat(searcher.get(neighbour)).contains(after);
    assertThat(searcher.similarItems(anchor, 10, ItemFilter.NONE).get(0).item()).isEqualTo(after);
  }

  @Test
  void fewerHitsOnlyWhenFewerItemsQualify() {
    ItemFilter tiny = new ItemFilter(null, null, 5.0, 7.0); // items 0..2 only
    assertThat(searcher.nearest(items.get(0).vector(), 10, Set.of(TestItems.id(0)), tiny))
        .extracting(SearchHit::itemId)
        .containsExactlyInAnyOrder(TestItems.id(1), TestItems.id(2));
  }

  @ParameterizedTest
  @EnumSource(
      value = VectorFormat.class,
      names = {"INT8", "INT4", "BIN1"})
  void quantizedFormatsRescoreWithFullPrecision(VectorFormat format, @TempDir Path other) {
    try (ItemSearcher q = index(other, IndexSettings.DEFAULT.withFormat(format))) {
      float[] query = items.get(77).vector();
      List<SearchHit> hits = q.nearest(query, 10, Set.of(), ItemFilter.NONE);
      assertThat(hits).hasSize(10);
      for (SearchHit h : hits) {
        assertThat((double) h.score())
            .isCloseTo(TestItems.cosine(query, h.item().vector()), within(1e-4));
      }
      assertThat(hits).extracting(SearchHit::score).isSortedAccordingTo(Comparator.reverseOrder());
      List<String> exact = bruteForce(query, 10, f -> true);
      long found = hits.stream().filter(h -> exact.contains(h.itemId())).count();
      assertThat(found).as("recall@10 of " + format).isGreaterThanOrEqualTo(8);
    }
  }

  @Test
  void textSearchFusesTitleAndVectorLegs() {
    List<SearchHit> hits = searcher.search("cluster5 product", 20, ItemFilter.NONE);
    assertThat(hits).hasSize(20);
    assertThat(hits.get(0).matchedBy()).isEqualTo(SearchHit.TITLE_AND_VECTOR);
    assertThat(hits.get(0).item().item().title()).contains("cluster5");
    assertThat(hits).extracting(SearchHit::score).isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(hits)
        .allSatisfy(h -> assertThat(h.matchedBy()).isIn("title", "vector", "title+vector"));
  }

  @Test
  void textSearchHonoursFiltersAndReturnsNothingForStopwordsOnly() {
    // cluster 2 items (i = 2 mod 8) are all in Skin, so in Nails only the vector leg can find
    // anything
    List<SearchHit> skin =
        searcher.search("cluster2", 10, new ItemFilter("skin", null, null, null));
    assertThat(skin)
        .hasSize(10)
        .allSatisfy(h -> assertThat(h.item().item().categoryPath()).contains("Skin"));
    assertThat(skin.get(0).matchedBy()).isEqualTo(SearchHit.TITLE_AND_VECTOR);
    List<SearchHit> nails =
        searcher.search("cluster2", 10, new ItemFilter("Nails", null, null, null));
    assertThat(nails)
        .hasSize(10)
        .allSatisfy(
            h -> {
              assertThat(h.item().item().categoryPath()).contains("Nails");
              assertThat(h.matchedBy()).isEqualTo(SearchHit.VECTOR);
            });
    assertThat(searcher.search("the and of", 10, ItemFilter.NONE)).isEmpty();
  }

  @Test
  void callerMistakesAreReportedClearly(@TempDir Path empty) throws Exception {
    assertThatThrownBy(() -> searcher.similarItems("missing", 5, ItemFilter.NONE))
        .isInstanceOf(UnknownItemException.class)
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> searcher.nearest(new float[3], 5, Set.of(), ItemFilter.NONE))
        .hasMessageContaining("zeros");
    assertThatThrownBy(() -> searcher.nearest(new float[] {1, 2, 3}, 5, Set.of(), ItemFilter.NONE))
        .hasMessageContaining("3 dimensions")
        .hasMessageContaining(Integer.toString(DIM));
    assertThatThrownBy(() -> searcher.nearest(items.get(0).vector(), 0, Set.of(), ItemFilter.NONE))
        .hasMessageContaining("k must");
    assertThatThrownBy(() -> ItemSearcher.open(empty.resolve("absent")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("index not found");
    Files.writeString(empty.resolve("notes.txt"), "not an index");
    assertThatThrownBy(() -> ItemSearcher.open(empty))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("no item index");
  }
}
