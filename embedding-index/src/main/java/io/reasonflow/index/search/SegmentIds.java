package io.reasonflow.index.search;

import io.reasonflow.index.ItemSchema;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.BytesRef;

/**
 * The item id of every document, per segment, read once from the id field's terms. A hit's id is
 * then an array lookup; reading it from the stored document instead decompresses the whole document
 * (raw vector, co-view JSON), which cost more than the graph search itself. Segments never change,
 * so an entry stays right until its segment closes, and goes then.
 */
final class SegmentIds {
  private final Map<IndexReader.CacheKey, String[]> bySegment = new ConcurrentHashMap<>();

  String id(IndexSearcher s, int doc) throws IOException {
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    return idsOf(leaf.reader())[doc - leaf.docBase];
  }

  private String[] idsOf(LeafReader segment) throws IOException {
    IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
    String[] cached = helper == null ? null : bySegment.get(helper.getKey());
    if (cached != null) {
      return cached;
    }
    String[] ids = read(segment);
    if (helper != null && bySegment.putIfAbsent(helper.getKey(), ids) == null) {
      helper.addClosedListener(bySegment::remove);
    }
    return ids;
  }

  private static String[] read(LeafReader segment) throws IOException {
    String[] ids = new String[segment.maxDoc()];
    Terms terms = segment.terms(ItemSchema.ID);
    if (terms == null) {
      return ids;
    }
    TermsEnum te = terms.iterator();
    PostingsEnum docs = null;
    for (BytesRef term = te.next(); term != null; term = te.next()) {
      String id = term.utf8ToString();
      docs = te.postings(docs, PostingsEnum.NONE);
      for (int d = docs.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.nextDoc()) {
        ids[d] = id;
      }
    }
    return ids;
  }
}
