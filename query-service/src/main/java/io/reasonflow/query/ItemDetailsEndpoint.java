package io.reasonflow.query;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.reasonflow.common.model.CoView;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /v1/items/{id}}: one item's catalogue facts (title, brand, category path, price, or
 * null/empty where the catalogue has none), its popularity (distinct shoppers) and its strongest
 * co-view neighbours with the number of shoppers behind each. A product page needs these before its
 * neighbours; no query parameters. 404 for an unknown id.
 *
 * <p>Privacy: {@code coViews} holds only neighbours that at least {@code coViewMinShoppers}
 * shoppers (the body says how many; {@code reasons.privacy.min-shoppers}) had in one session with
 * this item. A rarer pair is left out altogether, count and neighbour, since even its presence
 * would tell that someone looked at both.
 */
final class ItemDetailsEndpoint implements Handler {
  static final String PATH = "/v1/items/{id}";

  private final ServedIndex index;
  private final int minShoppers;

  ItemDetailsEndpoint(ServedIndex index, int minShoppers) {
    this.index = index;
    this.minShoppers = minShoppers;
  }

  @Override
  public void handle(Context ctx) {
    String id = QueryParams.pathIdOnly(ctx);
    Map<String, Object> body =
        index.read(
            s -> {
              ItemFeatures f =
                  s.get(id).orElseThrow(() -> ApiException.notFound("unknown item id: " + id));
              Map<String, Object> b = facts(f);
              List<Map<String, Object>> coViews = new ArrayList<>();
              for (CoView c : f.coViews()) {
                if (c.count() < minShoppers) {
                  continue;
                }
                Map<String, Object> m =
                    ItemRefs.of(s, c.itemId()); // its title null if it has left the index since
                m.put("shoppers", c.count());
                coViews.add(m);
              }
              b.put("coViewMinShoppers", minShoppers);
              b.put("coViews", coViews);
              return b;
            });
    Json.write(ctx, 200, body);
  }

  private static Map<String, Object> facts(ItemFeatures f) {
    Item item = f.item();
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("itemId", item.id());
    b.put("title", item.displayName());
    b.put("brand", item.brand());
    b.put("category", item.categoryPath());
    b.put("price", item.hasPrice() ? item.price() : null);
    b.put("popularity", f.shoppers());
    b.put("vectorSource", f.vectorSource().name().toLowerCase(Locale.ROOT));
    b.put("modelVersion", f.modelVersion());
    return b;
  }
}
