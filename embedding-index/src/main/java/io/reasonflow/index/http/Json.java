package io.reasonflow.index.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.search.SearchHit;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON bodies: written here, with Jackson, so the service does not depend on Javalin's optional JSON mapper. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();
  /** Context attribute set once a handler has written its own body, so the 404 fallback leaves it alone. */
  static final String WRITTEN = "rf.body.written";

  private Json() {}

  static void write(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(body));
      ctx.attribute(WRITTEN, Boolean.TRUE);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode response", e);
    }
  }

  static void error(Context ctx, int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("status", status);
    write(ctx, status, body);
  }

  /** A hit with its score, why it matched, and the catalogue facts a client shows. */
  static Map<String, Object> hit(SearchHit h, String why) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("itemId", h.itemId());
    m.put("score", h.score());
    m.put("matchedBy", h.matchedBy());
    m.put("why", why);
    m.putAll(itemFacts(h.item()));
    return m;
  }

  static Map<String, Object> itemFacts(ItemFeatures f) {
    Item item = f.item();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", item.displayName());
    m.put("brand", item.brand());
    m.put("category", item.categoryPath());
    m.put("price", item.hasPrice() ? item.price() : null);
    m.put("popularity", f.shoppers());
    m.put("vectorSource", f.vectorSource().name().toLowerCase(java.util.Locale.ROOT));
    m.put("modelVersion", f.modelVersion());
    return m;
  }

  /** Cosine rounded for prose; the exact value is in {@code score}. */
  static String cosine(float score) {
    return String.format(java.util.Locale.ROOT, "%.3f", score);
  }
}
