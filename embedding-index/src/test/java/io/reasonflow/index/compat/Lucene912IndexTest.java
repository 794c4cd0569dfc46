package io.reasonflow.index.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.CommitKeys;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.index.ItemIndexWriter;
import io.reasonflow.index.TestItems;
import io.reasonflow.index.search.ItemFilter;
import io.reasonflow.index.search.ItemSearcher;
import io.reasonflow.index.search.SearchHit;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexUpgrader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SegmentReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexes written before the Lucene 10 upgrade keep working: the committed fixture (written by
 * Lucene 9.12.3, see its README) opens and answers every query through lucene-backward-codecs, and
 * {@link IndexUpgrader} rewrites it in place to the current format. Every test works on a temporary
 * copy.
 */
class Lucene912IndexTest {
  @TempDir Path tmp;
  private Path fixture;
  private List<ItemFeatures> items;

  @BeforeEach
  void copyFixture() throws Exception {
    Path source =
        Path.of(getClass().getResource("/" + Lucene912Fixture.RESOURCE + "/segments_1").toURI())
            .getParent();
    fixture = tmp.resolve("lucene912");
    Files.createDirectories(fixture);
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.filter(f -> !f.getFileName().toString().equals("README.md")).toList()) {
        Files.copy(f, fixture.resolve(f.getFileName()));
      }
    }
    items = Lucene912Fixture.items();
  }

  @Test
  void fixtureReallyIsALucene912Index() throws Exception {
    try (Directory d = FSDirectory.open(fixture)) {
      SegmentInfos infos = SegmentInfos.readLatestCommit(d);
      assertThat(infos.getCommitLuceneVersion().toString()).isEqualTo("9.12.3");
      assertThat(infos.getIndexCreatedVersionMajor()).isEqualTo(9);
      assertThat(infos.asList())
          .extracting(sci -> sci.info.getCodec().getName())
          .containsOnly("Lucene912");
      assertThat(infos.getUserData()).containsEntry(Lucene912Fixture.WRITTEN_BY, "9.12.3");
    }
  }

  @Test
  void opensAndAnswersAsAFreshIndexOfTheSameItems() {
    try (ItemSearcher old = ItemSearcher.open(fixture);
        ItemSearcher fresh = freshIndex()) {
      assertThat(old.size()).isEqualTo(Lucene912Fixture.ITEMS);
      assertThat(old.vectorDimension()).contains(Lucene912Fixture.DIM);
      assertThat(old.commitUserData()).containsEntry(CommitKeys.MODEL_VERSION, "3");
      assertSameAnswers(old, fresh);
    }
  }

  @Test
  void indexUpgraderRewritesItToTheCurrentFormatInPlace() throws Throwable {
    assertThatThrownBy(() -> openWithoutBackwardCodecs(fixture))
        .as("Lucene 10 core alone cannot read the 9.12 segments")
        .hasMessageContaining("Lucene912");
    try (Directory d = FSDirectory.open(fixture)) {
      new IndexUpgrader(d).upgrade();
      SegmentInfos infos = SegmentInfos.readLatestCommit(d);
      assertThat(infos.getCommitLuceneVersion().major)
          .isEqualTo(org.apache.lucene.util.Version.LATEST.major);
      assertThat(infos.asList())
          .extracting(sci -> sci.info.getCodec().getName())
          .containsOnly(Codec.getDefault().getName());
      for (SegmentCommitInfo sci : infos) {
        assertThat(sci.info.getVersion().major)
            .isEqualTo(org.apache.lucene.util.Version.LATEST.major);
      }
      // the segments are current, but the index still records that 9.x created it: Lucene 11 will
      // refuse it whatever was upgraded, so an index must be rebuilt from items.jsonl.gz before
      // that upgrade
      assertThat(infos.getIndexCreatedVersionMajor()).isEqualTo(9);
      assertThat(infos.getUserData()).containsEntry(CommitKeys.MODEL_VERSION, "3");
      try (DirectoryReader r = DirectoryReader.open(d)) {
        for (LeafReaderContext leaf : r.leaves()) {
          FieldInfo vector = leaf.reader().getFieldInfos().fieldInfo("vector");
          String format = vector.getAttribute(PerFieldKnnVectorsFormat.PER_FIELD_FORMAT_KEY);
          assertThat(KnnVectorsFormat.forName(format).getClass().getPackageName())
              .doesNotStartWith("org.apache.lucene.backward_codecs");
          assertThat(
                  ((SegmentReader) leaf.reader())
                      .getSegmentInfo()
                      .info
                      .getCodec()
                      .getClass()
                      .getPackageName())
              .doesNotStartWith("org.apache.lucene.backward_codecs");
        }
      }
    }
    assertThat(openWithoutBackwardCodecs(fixture)).isEqualTo(Lucene912Fixture.ITEMS);
    try (ItemSearcher upgraded = ItemSearcher.open(fixture);
        ItemSearcher fresh = freshIndex()) {
      assertSameAnswers(upgraded, fresh);
    }
  }

  /**
   * The same items, written now in the same order (so documents are numbered alike and score ties
   * rank alike).
   */
  private ItemSearcher freshIndex() {
    Path dir = tmp.resolve("fresh");
    if (!Files.isDirectory(dir)) {
      try (ItemIndexWriter w = ItemIndexWriter.open(dir, IndexSettings.DEFAULT)) {
        items.forEach(w::upsert);
        w.forceMerge();
        w.commit(Map.of(CommitKeys.MODEL_VERSION, "3"));
      }
    }
    return ItemSearcher.open(dir);
  }

  /**
   * Every stored item reads back exactly; vector queries (searched with a beam as wide as the
   * corpus, so exactly) and text search answer alike, ids and scores.
   */
  private void assertSameAnswers(ItemSearcher old, ItemSearcher fresh) {
    for (ItemFeatures f : items) {
      assertThat(old.get(f.id())).contains(f);
    }
    int all = Lucene912Fixture.ITEMS;
    for (int anchor : new int[] {0, 41, 299}) {
      ItemFeatures a = items.get(anchor);
      List<SearchHit> hits = old.nearest(a.vector(), 10, Set.of(a.id()), ItemFilter.NONE, all);
      List<String> exact =
          items.stream()
              .filter(f -> !f.id().equals(a.id()))
              .sorted(
                  Comparator.comparingDouble(
                      (ItemFeatures f) -> -TestItems.cosine(a.vector(), f.vector())))
              .limit(10)
              .map(ItemFeatures::id)
              .toList();
      assertThat(hits).extracting(SearchHit::itemId).containsExactlyElementsOf(exact);
      assertSameHits(hits, fresh.nearest(a.vector(), 10, Set.of(a.id()), ItemFilter.NONE, all));
      assertSameHits(
          old.similarItems(a.id(), 10, ItemFilter.NONE),
          fresh.similarItems(a.id(), 10, ItemFilter.NONE));
    }
    ItemFilter f = new ItemFilter("skin", "cirrus", 10.0, 250.0);
    List<SearchHit> filtered = old.nearest(items.get(3).vector(), 5, Set.of(), f);
    assertThat(filtered)
        .hasSize(5)
        .allSatisfy(
            h -> {
              assertThat(h.item().item().categoryPath()).contains("Skin");
              assertThat(h.item().item().brand()).isEqualTo("Cirrus");
            });
    assertSameHits(filtered, fresh.nearest(items.get(3).vector(), 5, Set.of(), f));
    for (String text : List.of("cluster3 product", "products 42")) {
      List<SearchHit> hits = old.search(text, 10, ItemFilter.NONE);
      assertThat(hits).hasSize(10);
      assertSameHits(hits, fresh.search(text, 10, ItemFilter.NONE));
    }
  }

  /**
   * How far a score from the fixture may be from the same score in a fresh index. Both store unit
   * vectors, normalised by Lucene's VectorUtil.l2normalize, whose SIMD sum of squares rounds
   * differently with the CPU's vector width: the fixture was written on a machine with 512-bit
   * vectors, and a machine with 128- or 256-bit ones normalises the same items a float ulp or so
   * apart (observed: 0.96148870 vs 0.96148884 under -XX:MaxVectorSize=16). A few ulps at 1.0 (one
   * is 6e-8), far below the gaps between neighbours in these lists (around 1e-4), so ids and their
   * order are still compared exactly.
   */
  static final float SCORE_TOLERANCE = 1e-6f;

  /**
   * The same hits in the same order, found by the same legs; scores equal within {@link
   * #SCORE_TOLERANCE}.
   */
  private static void assertSameHits(List<SearchHit> actual, List<SearchHit> expected) {
    assertThat(actual)
        .extracting(h -> h.itemId() + "/" + h.matchedBy())
        .containsExactlyElementsOf(
            expected.stream().map(h -> h.itemId() + "/" + h.matchedBy()).toList());
    for (int i = 0; i < actual.size(); i++) {
      assertThat(actual.get(i).score())
          .as("score of %s", actual.get(i).itemId())
          .isCloseTo(expected.get(i).score(), within(SCORE_TOLERANCE));
    }
  }

  /**
   * Opens {@code dir} in a classloader holding lucene-core 10.x alone (no backward codecs) and
   * returns its live document count; opening a segment needs its codec and every per-field format,
   * so this fails on any old format.
   */
  private static int openWithoutBackwardCodecs(Path dir) throws Throwable {
    URL core = IndexWriter.class.getProtectionDomain().getCodeSource().getLocation();
    assertThat(core.toString()).contains("lucene-core");
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    try (URLClassLoader coreOnly =
        new URLClassLoader(new URL[] {core}, ClassLoader.getPlatformClassLoader())) {
      t.setContextClassLoader(coreOnly);
      Class<?> directory = coreOnly.loadClass("org.apache.lucene.store.Directory");
      Class<?> reader = coreOnly.loadClass("org.apache.lucene.index.IndexReader");
      Object d =
          coreOnly
              .loadClass("org.apache.lucene.store.FSDirectory")
              .getMethod("open", Path.class)
              .invoke(null, dir);
      try {
        Object r =
            coreOnly
                .loadClass("org.apache.lucene.index.DirectoryReader")
                .getMethod("open", directory)
                .invoke(null, d);
        try {
          return (int) reader.getMethod("numDocs").invoke(r);
        } finally {
          reader.getMethod("close").invoke(r);
        }
      } finally {
        directory.getMethod("close").invoke(d);
      }
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } finally {
      t.setContextClassLoader(previous);
    }
  }
}
