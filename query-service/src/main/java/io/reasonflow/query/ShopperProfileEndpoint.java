package io.reasonflow.query;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.UserProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /v1/users/{id}}: what the service knows of a shopper: their most recent distinct
 * items, newest first (the anchors reasons cite), with titles, and how many events their profile
 * holds. No query parameters; 404 when the shopper has no profile (the service was started without
 * profiles, or never saw them).
 */
final class ShopperProfileEndpoint implements Handler {
  static final String PATH = "/v1/users/{id}";

  private final ServedIndex index;
  private final ServedProfiles profiles;

  ShopperProfileEndpoint(ServedIndex index, ServedProfiles profiles) {
    this.index = index;
    this.profiles = profiles;
  }

  @Override
  public void handle(Context ctx) {
    String id = QueryParams.pathIdOnly(ctx);
    UserProfile p =
        profiles.get(id).orElseThrow(() -> ApiException.notFound("unknown user id: " + id));
    List<Map<String, Object>> recent =
        index.read(
            s -> {
              List<Map<String, Object>> l = new ArrayList<>();
              for (Anchor a : p.recent()) {
                Map<String, Object> m = ItemRefs.of(s, a.itemId());
                m.put("event", a.type().name().toLowerCase(Locale.ROOT));
                m.put("atMs", a.lastTimeMs());
                l.add(m);
              }
              return l;
            });
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userId", id);
    body.put("events", p.eventCount());
    body.put("updatedAtMs", p.updatedAtMs());
    body.put("recent", recent);
    Json.write(ctx, 200, body);
  }
}
