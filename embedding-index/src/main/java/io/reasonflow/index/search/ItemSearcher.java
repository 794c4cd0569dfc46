package io.reasonflow.index.search;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.CommitKeys;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.index.ItemIndexWriter;
import io.reasonflow.index.ItemSchema;
import io.reasonflow.index.ShardLayout;
import io.reasonflow.index.VectorFormat;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.RescoreTopNQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Reads an item index: lookups by id, vector neighbours, and hybrid text search. Thread-safe; each
 * call works on one point-in-time view, and {@link #refresh()} moves later calls to the newest
 * commit.
 */
public final class ItemSearcher implements Closeable {
  /** Ranked candidates per list fed to rank fusion in text search. */
  static final int FUSION_DEPTH = 100;

  /** Top title hits whose vectors make the vector leg of text search. */
  static final int FEEDBACK_DOCS = 5;

  /**
   * Most excluded ids that a vector query without a metadata filter over-fetches and drops; more
   * are handed to Lucene as a filter, since over-fetching grows the graph search with every
   * excluded id.
   */
  static final int MAX_DROPPED_EXCLUSIONS = 100;

  /**
   * Hits fetched beyond those kept, so that the exact rescoring below decides which of two
   * near-tied candidates at the cut is kept, not the order Lucene's float scores happened to give
   * them. Free while within the graph search's beam (ef-search, 64 by default), which collects that
   * many candidates anyway.
   */
  static final int TIE_MARGIN = 4;

  private final Path dir;

  /**
   * Closes what the manager's readers read from (the directory or directories), after the manager.
   */
  private final Closeable resources;

  private final ReferenceManager<IndexSearcher> manager;
  private final Analyzer analyzer = ItemIndexWriter.analyzer();
  private final StoredItemCache storedItems = new StoredItemCache(StoredItemCache.DEFAULT_SLOTS);
  private final SegmentIds segmentIds = new SegmentIds();

  ItemSearcher(Path dir, ReferenceManager<IndexSearcher> manager, Closeable resources) {
    this.dir = dir;
    this.manager = manager;
    this.resources = resources;
  }

  /**
   * Opens the index at {@code indexDir}; a missing directory or one holding no index is a {@link
   * UserError}. A sharded index root ({@link ShardLayout}) opens all its shards as one index
   * ({@link ShardedItemSearcher}).
   */
  public static ItemSearcher open(Path indexDir) {
    Objects.requireNonNull(indexDir, "indexDir");
    if (!Files.isDirectory(indexDir)) {
      throw new UserError(
          "index not found: " + indexDir + " (build it first with the index command)");
    }
    if (ShardLayout.isSharded(indexDir)) {
      return ShardedItemSearcher.open(indexDir);
    }
    Directory d = null;
    try {
      d = FSDirectory.open(indexDir);
      if (!DirectoryReader.indexExists(d)) {
        throw new UserError(
            indexDir + " holds no item index (no Lucene commit found); build it first");
      }
      return new ItemSearcher(indexDir, new SearcherManager(d, null), d);
    } catch (IOException e) {
      closeQuietly(d);
      throw new UserError("cannot open index " + indexDir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(d);
      throw e;
    }
  }

  public Path directory() {
    return dir;
  }

  public Optional<ItemFeatures> get(String itemId) {
    requireId(itemId);
    return read(
        s -> {
          int doc = liveDocOf(s.getIndexReader(), itemId);
          return doc < 0
              ? Optional.<ItemFeatures>empty()
              : Optional.of(storedItems.get(s.getIndexReader(), doc));
        });
  }

  /**
   * The live document holding {@code itemId}, or -1. Reads the id's postings directly: a TermQuery
   * would also gather the scoring statistics that a lookup by key never uses, and every
   * similar-items request starts here.
   */
  private static int liveDocOf(IndexReader r, String itemId) throws IOException {
    BytesRef id = new BytesRef(itemId);
    for (LeafReaderContext leaf : r.leaves()) {
      Terms terms = leaf.reader().terms(ItemSchema.ID);
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      if (!te.seekExact(id)) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      PostingsEnum docs = te.postings(null, PostingsEnum.NONE);
      for (int d = docs.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.nextDoc()) {
        if (live == null || live.get(d)) {
          return leaf.docBase + d;
        }
      }
    }
    return -1;
  }

  /**
   * The {@code k} items nearest to {@code itemId}'s vector that pass {@code f}, the item itself
   * excluded.
   *
   * @throws UnknownItemException when the index has no such item
   */
  public List<SearchHit> similarItems(String itemId, int k, ItemFilter f) {
    requireId(itemId);
    return similarItems(get(itemId).orElseThrow(() -> new UnknownItemException(itemId)), k, f);
  }

  /**
   * {@link #similarItems(String, int, ItemFilter)} for an anchor the caller has already looked up,
   * so the item is not read from the index twice.
   */
  public List<SearchHit> similarItems(ItemFeatures anchor, int k, ItemFilter f) {
    Objects.requireNonNull(anchor, "anchor");
    if (ItemSchema.unitOrNull(anchor.vector()) == null) {
      return List.of();
    }
    return nearest(anchor.vector(), k, Set.of(anchor.id()), f);
  }

  /**
   * The {@code k} items nearest to {@code query} (cosine) that pass {@code f} and are not in {@code
   * exclude}. Fewer than {@code k} only when fewer items qualify.
   */
  public List<SearchHit> nearest(float[] query, int k, Set<String> exclude, ItemFilter f) {
    return nearest(query, k, exclude, f, 0);
  }

  /**
   * {@link #nearest(float[], int, Set, ItemFilter)} with the graph search collecting at least
   * {@code efSearch} candidates instead of the index's {@code index.hnsw.ef-search} (0: the
   * index's). For tuning and benchmarks.
   */
  public List<SearchHit> nearest(
      float[] query, int k, Set<String> exclude, ItemFilter f, int efSearch) {
    float[] unit = checkedUnitQuery(query, k, efSearch);
    return read(
        s -> {
          List<SearchHit> hits = new ArrayList<>();
          for (ScoredDoc d : nearestDocs(s, unit, k, exclude, f, efSearch)) {
            hits.add(
                new SearchHit(
                    d.id(),
                    d.cosine(),
                    storedItems.get(s.getIndexReader(), d.doc()),
                    SearchHit.VECTOR));
          }
          return hits;
        });
  }

  /**
   * The ids and cosines of {@link #nearest(float[], int, Set, ItemFilter)}'s hits, the same hits in
   * the same order, without reading their stored documents: for callers that hold the items
   * already.
   */
  public List<ItemScore> nearestIds(float[] query, int k, Set<String> exclude, ItemFilter f) {
    float[] unit = checkedUnitQuery(query, k, 0);
    return read(
        s -> {
          List<ItemScore> hits = new ArrayList<>();
          for (ScoredDoc d : nearestDocs(s, unit, k, exclude, f, 0)) {
            hits.add(new ItemScore(d.id(), d.cosine()));
          }
          return hits;
        });
  }

  private static float[] checkedUnitQuery(float[] query, int k, int efSearch) {
    Objects.requireNonNull(query, "query");
    requireK(k);
    if (efSearch < 0) {
      throw new IllegalArgumentException("efSearch must not be negative, got " + efSearch);
    }
    float[] unit = ItemSchema.unitOrNull(query);
    if (unit == null) {
      throw new IllegalArgumentException("query vector must not be all zeros");
    }
    return unit;
  }

  /** A vector hit: its document, item id and cosine. */
  private record ScoredDoc(int doc, String id, float cosine) {}

  private static final Comparator<ScoredDoc> BY_EXACT_SCORE =
      Comparator.comparingDouble(ScoredDoc::cosine).reversed().thenComparing(ScoredDoc::id);

  /**
   * The best {@code k} documents nearest to {@code unit} that pass {@code f} and are not excluded.
   */
  private List<ScoredDoc> nearestDocs(
      IndexSearcher s, float[] unit, int k, Set<String> exclude, ItemFilter f, int efSearch)
      throws IOException {
    int dim = vectorDimension(s);
    if (dim == 0) {
      return List.of();
    }
    if (dim != unit.length) {
      throw new IllegalArgumentException(
          "query has " + unit.length + " dimensions, the index has " + dim);
    }
    Set<String> excluded = exclude == null ? Set.of() : exclude;
    Query metadata = FilterQueries.of(f, null);
    TopDocs td;
    Set<String> drop;
    if (metadata != null || excluded.size() > MAX_DROPPED_EXCLUSIONS) {
      int wanted = k + TIE_MARGIN;
      td = s.search(vectorQuery(s, unit, wanted, FilterQueries.of(f, excluded), efSearch), wanted);
      drop = Set.of();
    } else {
      // A filter makes Lucene mark every accepted doc in a bit set before the graph search, a pass
      // over the whole index per query; a few excluded ids are cheaper to over-fetch and drop.
      int wanted = k + excluded.size() + TIE_MARGIN;
      td = s.search(vectorQuery(s, unit, wanted, null, efSearch), wanted);
      drop = excluded;
    }
    List<ScoredDoc> out = new ArrayList<>(td.scoreDocs.length);
    ExactScores exact = new ExactScores(s.getIndexReader(), unit);
    for (ScoreDoc sd : td.scoreDocs) {
      String id = segmentIds.id(s, sd.doc);
      if (!drop.contains(id)) {
        out.add(new ScoredDoc(sd.doc, id, exact.cosine(sd.doc)));
      }
    }
    // Lucene's SIMD dot product sums its lanes in an order the JIT may change, so its float scores
    // for one query differ in the last bit between a cold and a warm JVM, and near-tied hits swap
    // places from one request to the next. Ranked by the exact cosine, then id, the same request
    // gets the same answer every time.
    out.sort(BY_EXACT_SCORE);
    if (out.size() > k) {
      out = new ArrayList<>(out.subList(0, k));
    }
    return out;
  }

  /**
   * Hybrid text search. The title leg ranks items by BM25 on their titles. The index holds no text
   * encoder, so the vector leg is pseudo-relevance feedback: the centroid of the top title hits'
   * vectors, whose neighbours find items shoppers treat alike even when their titles share no word
   * with the query. The feedback hits are taken before filtering; both legs are filtered. The legs
   * are fused by reciprocal rank; each hit says which legs found it. Text with no searchable word
   * (only stopwords or punctuation) finds nothing.
   */
  public List<SearchHit> search(String text, int k, ItemFilter f) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("text must not be blank");
    }
    requireK(k);
    return read(
        s -> {
          Query filter = FilterQueries.of(f, null);
          int depth = Math.max(k, FUSION_DEPTH);
          Query title = titleQuery(text, null);
          if (title == null) {
            return List.<SearchHit>of();
          }
          Map<String, ItemFeatures> items = new LinkedHashMap<>();
          // Feedback comes from unfiltered title hits: the query's meaning should not depend on the
          // filter.
          List<String> feedbackIds = idsOf(s, s.search(title, FEEDBACK_DOCS), items);
          List<String> titleIds =
              filter == null
                  ? idsOf(s, s.search(title, depth), items)
                  : idsOf(s, s.search(titleQuery(text, filter), depth), items);
          List<String> vectorIds = List.of();
          float[] centroid = centroid(feedbackIds, items);
          if (centroid != null && vectorDimension(s) == centroid.length) {
            vectorIds =
                idsOf(s, s.search(vectorQuery(s, centroid, depth, filter, 0), depth), items);
          }
          Map<String, List<String>> lists = new LinkedHashMap<>();
          lists.put(SearchHit.TITLE, titleIds);
          lists.put(SearchHit.VECTOR, vectorIds);
          List<SearchHit> hits = new ArrayList<>();
          for (ReciprocalRankFusion.Fused fused : ReciprocalRankFusion.fuse(lists, k)) {
            hits.add(
                new SearchHit(
                    fused.itemId(),
                    (float) fused.score(),
                    items.get(fused.itemId()),
                    String.join("+", fused.sources())));
          }
          return hits;
        });
  }

  /** Dimension of the indexed vectors, empty while no item has a vector. */
  public Optional<Integer> vectorDimension() {
    int d = read(ItemSearcher::vectorDimension);
    return d == 0 ? Optional.empty() : Optional.of(d);
  }

  /** Live items in the current view. */
  public int size() {
    return read(s -> s.getIndexReader().numDocs());
  }

  /**
   * User data of the commit the current view reads (model version, checkpoint...); for a sharded
   * index, whose shards commit on their own, the least advanced shard's, with the newest model
   * version of any shard ({@link IndexCommits#combine}).
   */
  public Map<String, String> commitUserData() {
    return read(s -> Map.copyOf(IndexCommits.userData(s.getIndexReader())));
  }

  /** The commit generation of the current view; grows with every commit picked up. */
  public long generation() {
    return read(s -> IndexCommits.generation(s.getIndexReader()));
  }

  /**
   * Moves later calls to the newest commit, if there is one; calls in flight finish on their view.
   */
  public void refresh() {
    try {
      manager.maybeRefresh();
    } catch (IOException e) {
      throw new UncheckedIOException("refreshing " + dir, e);
    }
  }

  @Override
  public void close() {
    try {
      manager.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        resources.close();
      } catch (IOException ignored) {
        // the searchers are closed; a failing directory close loses nothing
      }
    }
  }

  /**
   * The graph query. It collects {@code max(k, efSearch)} candidates (oversampled for quantized
   * formats) and the caller keeps the best k; quantized candidates are rescored with the
   * full-precision vectors first.
   *
   * @param efSearchOverride 0 for the index's committed {@code ef-search}
   */
  private static Query vectorQuery(
      IndexSearcher s, float[] unit, int k, Query filter, int efSearchOverride) {
    Map<String, String> data = IndexCommits.userData(s.getIndexReader());
    VectorFormat format =
        VectorFormat.valueOf(data.getOrDefault(CommitKeys.FORMAT, VectorFormat.HNSW.name()));
    double oversample = Double.parseDouble(data.getOrDefault(CommitKeys.OVERSAMPLE, "3.0"));
    int efSearch =
        efSearchOverride > 0
            ? efSearchOverride
            : Integer.parseInt(
                data.getOrDefault(
                    CommitKeys.EF_SEARCH, Integer.toString(IndexSettings.DEFAULT_EF_SEARCH)));
    int candidates = IndexSettings.candidates(format, k, oversample, efSearch);
    Query approximate = new KnnFloatVectorQuery(ItemSchema.VECTOR, unit, candidates, filter);
    if (!format.quantized()) {
      // scores are exact already; IndexSearcher.search(query, k) keeps the best k of the candidates
      return approximate;
    }
    return RescoreTopNQuery.createFullPrecisionRescorerQuery(
        approximate, unit, ItemSchema.VECTOR, k);
  }

  private Query titleQuery(String text, Query filter) throws IOException {
    BooleanQuery.Builder terms = new BooleanQuery.Builder();
    int n = 0;
    try (TokenStream ts = analyzer.tokenStream(ItemSchema.TITLE, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken() && n < IndexSearcher.getMaxClauseCount() - 1) {
        terms.add(
            new TermQuery(new org.apache.lucene.index.Term(ItemSchema.TITLE, term.toString())),
            BooleanClause.Occur.SHOULD);
        n++;
      }
      ts.end();
    }
    if (n == 0) {
      return null;
    }
    if (filter == null) {
      return terms.build();
    }
    return new BooleanQuery.Builder()
        .add(terms.build(), BooleanClause.Occur.MUST)
        .add(filter, BooleanClause.Occur.FILTER)
        .build();
  }

  private List<String> idsOf(IndexSearcher s, TopDocs td, Map<String, ItemFeatures> items)
      throws IOException {
    List<String> ids = new ArrayList<>(td.scoreDocs.length);
    for (ScoreDoc sd : td.scoreDocs) {
      ItemFeatures item = storedItems.get(s.getIndexReader(), sd.doc);
      items.putIfAbsent(item.id(), item);
      ids.add(item.id());
    }
    return ids;
  }

  /** Unit centroid of the top title hits' unit vectors, or null when none has a direction. */
  private static float[] centroid(List<String> ids, Map<String, ItemFeatures> items) {
    float[] sum = null;
    for (String id : ids.subList(0, Math.min(FEEDBACK_DOCS, ids.size()))) {
      float[] unit = ItemSchema.unitOrNull(items.get(id).vector());
      if (unit == null) {
        continue;
      }
      if (sum == null) {
        sum = new float[unit.length];
      } else if (sum.length != unit.length) {
        continue;
      }
      for (int i = 0; i < unit.length; i++) {
        sum[i] += unit[i];
      }
    }
    return sum == null ? null : ItemSchema.unitOrNull(sum);
  }

  private static int vectorDimension(IndexSearcher s) {
    for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
      FieldInfo fi = leaf.reader().getFieldInfos().fieldInfo(ItemSchema.VECTOR);
      if (fi != null && fi.getVectorDimension() > 0) {
        return fi.getVectorDimension();
      }
    }
    return 0;
  }

  private interface SearchFn<T> {
    T apply(IndexSearcher s) throws IOException;
  }

  private <T> T read(SearchFn<T> fn) {
    IndexSearcher s;
    try {
      s = manager.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return fn.apply(s);
    } catch (IOException e) {
      throw new UncheckedIOException("searching " + dir, e);
    } finally {
      try {
        manager.release(s);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void requireId(String itemId) {
    if (itemId == null || itemId.isBlank()) {
      throw new IllegalArgumentException("itemId must not be blank");
    }
  }

  private static void requireK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
  }

  private static void closeQuietly(Directory d) {
    if (d != null) {
      try {
        d.close();
      } catch (IOException ignored) {
        // the open failure is the error worth reporting
      }
    }
  }
}
