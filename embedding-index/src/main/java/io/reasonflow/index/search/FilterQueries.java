package io.reasonflow.index.search;

import io.reasonflow.index.ItemSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Turns an {@link ItemFilter} and a set of excluded ids into one Lucene filter. Handing the filter
 * to the vector query (rather than dropping hits afterwards) lets Lucene search the graph for k
 * matching items, falling back to an exact scan when the filter is very selective, so exclusions
 * never shrink the result below k.
 */
final class FilterQueries {
  private FilterQueries() {}

  /** The filter, or null when nothing is filtered. */
  static Query of(ItemFilter f, Set<String> exclude) {
    List<Query> must = metadata(f == null ? ItemFilter.NONE : f);
    boolean excludes = exclude != null && !exclude.isEmpty();
    if (must.isEmpty() && !excludes) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    if (must.isEmpty()) {
      b.add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
    }
    must.forEach(q -> b.add(q, BooleanClause.Occur.FILTER));
    if (excludes) {
      b.add(idsIn(exclude), BooleanClause.Occur.MUST_NOT);
    }
    return b.build();
  }

  private static List<Query> metadata(ItemFilter f) {
    List<Query> out = new ArrayList<>(3);
    if (f.category() != null) {
      out.add(
          new TermQuery(
              new org.apache.lucene.index.Term(
                  ItemSchema.CATEGORY_KEY, ItemSchema.keyword(f.category()))));
    }
    if (f.brand() != null) {
      out.add(
          new TermQuery(
              new org.apache.lucene.index.Term(
                  ItemSchema.BRAND_KEY, ItemSchema.keyword(f.brand()))));
    }
    if (f.minPrice() != null || f.maxPrice() != null) {
      double lo = f.minPrice() == null ? Double.NEGATIVE_INFINITY : f.minPrice();
      double hi = f.maxPrice() == null ? Double.POSITIVE_INFINITY : f.maxPrice();
      out.add(DoublePoint.newRangeQuery(ItemSchema.PRICE_POINT, lo, hi));
    }
    return out;
  }

  private static Query idsIn(Set<String> ids) {
    List<BytesRef> terms = new ArrayList<>(ids.size());
    ids.forEach(id -> terms.add(new BytesRef(id)));
    return new TermInSetQuery(ItemSchema.ID, terms);
  }
}
