package io.reasonflow.query;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.reasonflow.common.model.CoView;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.search.ItemFilter;
import io.reasonflow.index.search.SearchHit;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1/items/{id}/similar?k=&category=&brand=&minPrice=&maxPrice=}: the item's nearest
 * neighbours by embedding. Each hit says its cosine and, when the anchor's stored co-views hold it,
 * how many shoppers had both items in one session ({@code coViewShoppers}).
 *
 * <p>Privacy: a count is disclosed only when at least {@code coViewMinShoppers} shoppers (in the
 * body; {@code reasons.privacy.min-shoppers}) are behind it. Below that, {@code coViewShoppers} is
 * null, exactly as for a pair nobody viewed together, and {@code why} does not mention co-views, so
 * the answer cannot tell the two apart.
 */
final class SimilarItemsEndpoint implements Handler {
  static final String PATH = "/v1/items/{id}/similar";
  private static final Set<String> PARAMS = params();

  private final ServedIndex index;
  private final int minShoppers;

  SimilarItemsEndpoint(ServedIndex index, int minShoppers) {
    this.index = index;
    this.minShoppers = minShoppers;
  }

  private static Set<String> params() {
    Set<String> s = new HashSet<>(QueryParams.FILTER_PARAMS);
    s.add("k");
    return Set.copyOf(s);
  }

  private record Result(ItemFeatures anchor, List<SearchHit> hits) {}

  @Override
  public void handle(Context ctx) {
    QueryParams.allowOnly(ctx, PARAMS);
    int k = QueryParams.k(ctx);
    ItemFilter filter = QueryParams.filter(ctx);
    String id = ctx.pathParam("id");

    Result r =
        index.read(
            s -> {
              ItemFeatures anchor =
                  s.get(id).orElseThrow(() -> ApiException.notFound("unknown item id: " + id));
              return new Result(anchor, s.similarItems(anchor, k, filter));
            });
    Json.write(
        ctx,
        200,
        g -> {
          g.writeStartObject();
          g.writeStringField("itemId", id);
          g.writeStringField("title", r.anchor().item().displayName());
          g.writeNumberField("k", k);
          g.writeNumberField("coViewMinShoppers", minShoppers);
          g.writeArrayFieldStart("hits");
          writeHits(g, r);
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  private void writeHits(JsonGenerator g, Result r) throws IOException {
    Map<String, CoView> coViews = new HashMap<>();
    r.anchor().coViews().stream()
        .filter(c -> c.count() >= minShoppers)
        .forEach(c -> coViews.put(c.itemId(), c));
    for (SearchHit h : r.hits()) {
      CoView c = coViews.get(h.itemId());
      // the anchor's title is the body's own "title"; repeating it in every hit's reason doubled
      // the body
      String why =
          "embedding cosine "
              + Json.cosine(h.score())
              + " to the requested item"
              + (c == null ? "" : "; " + c.count() + " shoppers had both in one session");
      g.writeStartObject();
      Json.hitFields(g, h, why);
      if (c == null) {
        g.writeNullField("coViewShoppers");
      } else {
        g.writeNumberField("coViewShoppers", c.count());
      }
      g.writeEndObject();
    }
  }
}
