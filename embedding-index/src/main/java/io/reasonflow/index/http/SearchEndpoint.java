package io.reasonflow.index.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.reasonflow.index.search.ItemFilter;
import io.reasonflow.index.search.SearchHit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code GET /v1/search?q=&k=&category=&brand=&minPrice=&maxPrice=}: hybrid title + vector search. */
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
    List<Map<String, Object>> out = new ArrayList<>(hits.size());
    for (SearchHit h : hits) {
      out.add(Json.hit(h, why(h.matchedBy())));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("q", q);
    body.put("k", k);
    body.put("hits", out);
    Json.write(ctx, 200, body);
  }

  private static String why(String matchedBy) {
    return switch (matchedBy) {
      case SearchHit.TITLE -> "title matches the query words";
      case SearchHit.VECTOR -> "embedding close to the items whose titles match best";
      default -> "title matches the query words and embedding close to the best title matches";
    };
  }
}
