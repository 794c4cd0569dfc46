package io.reasonflow.query;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1/users?k=}: up to {@code k} (default 10, at most 1000) ids of shoppers with stored
 * recommendations, in id order, and how many there are in all: the shoppers a demo or a
 * merchandiser can pick to audit reasons. A service without stored recommendations answers an empty
 * list. 400 for a bad {@code k}.
 */
final class ShopperListEndpoint implements Handler {
  static final String PATH = "/v1/users";

  private final StoredRecommendations stored;

  ShopperListEndpoint(StoredRecommendations stored) {
    this.stored = stored;
  }

  @Override
  public void handle(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of("k"));
    int k = QueryParams.k(ctx);
    List<String> ids = stored.userIds();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", ids.size());
    body.put("users", ids.subList(0, Math.min(k, ids.size())));
    Json.write(ctx, 200, body);
  }
}
