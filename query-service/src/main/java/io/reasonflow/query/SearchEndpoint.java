package io.reasonflow.query;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.reasonflow.index.search.ItemFilter;
import io.reasonflow.index.search.SearchHit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /v1/search?q=&k=&category=&brand=&minPrice=&maxPrice=}: hybrid title + vector search.
 */
final class SearchEndpoint implements Handler {
  static final String PATH = "/v1/search";
  private static final Set<String> PARAMS = params();

  private final ServedIndex index;

  SearchEndpoint(ServedIndex index) {
    this.index = index;
  }

  private static Set<String> params() {
    Set<String> s = new HashSet<>(QueryParams.FILTER_PARAMS);
    s.add("k");
    s.add("q");
    return Set.copyOf(s);
  }

  @Override
  public void handle(Context ctx) {
    QueryParams.allowOnly(ctx, PARAMS);
    String q = QueryParams.text(ctx, "q");
    int k = QueryParams.k(ctx);
    ItemFilter filter = QueryParams.filter(ctx);

    List<SearchHit> hits = index.read(s -> s.search(q, k, filter));
    Json.write(
        ctx,
        200,
        g -> {
          g.writeStartObject();
          g.writeStringField("q", q);
          g.writeNumberField("k", k);
          g.writeArrayFieldStart("hits");
          for (SearchHit h : hits) {
            g.writeStartObject();
            Json.hitFields(g, h, why(h.matchedBy()));
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  private static String why(String matchedBy) {
    return switch (matchedBy) {
      case SearchHit.TITLE -> "title matches the query words";
      case SearchHit.VECTOR -> "embedding close to the items whose titles match best";
      default -> "title matches the query words and embedding close to the best title matches";
    };
  }
}
