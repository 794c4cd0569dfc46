package io.reasonflow.index.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.reasonflow.common.model.CoView;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.search.ItemFilter;
import io.reasonflow.index.search.SearchHit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1/items/{id}/similar?k=&category=&brand=&minPrice=&maxPrice=}: the item's nearest neighbours by
 * embedding. Each hit says its cosine and, when the anchor's stored co-views hold it, how many shoppers had both
 * items in one session.
 */
final class SimilarItemsEndpoint implements Handler {
  static final String PATH = "/v1/items/{id}/similar";
  private static final Set<String> PARAMS = params();

  private final ServedIndex index;

  SimilarItemsEndpoint(ServedIndex index) {
    this.index = index;
  }

  private static Set<String> params() {
    Set<String> s = new HashSet<>(QueryParams.FILTER_PARAMS);
    s.add("k");
    return Set.copyOf(s);
  }

  @Override
  public void handle(Context ctx) {
    QueryParams.allowOnly(ctx, PARAMS);
    int k = QueryParams.k(ctx);
    ItemFilter filter = QueryParams.filter(ctx);
    String id = ctx.pathParam("id");

    Map<String, Object> body = index.read(s -> {
      ItemFeatures anchor = s.get(id).orElseThrow(() -> ApiException.notFound("unknown item id: " + id));
      List<SearchHit> hits = s.similarItems(id, k, filter);
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("itemId", id);
      b.put("title", anchor.item().displayName());
      b.put("k", k);
      b.put("hits", describe(anchor, hits));
      return b;
    });
    Json.write(ctx, 200, body);
  }

  private static List<Map<String, Object>> describe(ItemFeatures anchor, List<SearchHit> hits) {
    Map<String, CoView> coViews = new LinkedHashMap<>();
    anchor.coViews().forEach(c -> coViews.put(c.itemId(), c));
    List<Map<String, Object>> out = new ArrayList<>(hits.size());
    for (SearchHit h : hits) {
      CoView c = coViews.get(h.itemId());
      String why = "embedding cosine " + Json.cosine(h.score()) + " to " + anchor.item().displayName()
          + (c == null ? "" : "; " + c.count() + " shoppers had both in one session");
      Map<String, Object> m = Json.hit(h, why);
      m.put("coViewShoppers", c == null ? null : c.count());
      out.add(m);
    }
    return out;
  }
}
