package io.reasonflow.index.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code POST /admin/refresh}: serve the newest commit (or the version {@code current} points at) from now on. */
final class RefreshEndpoint implements Handler {
  static final String PATH = "/admin/refresh";

  private final ServedIndex index;

  RefreshEndpoint(ServedIndex index) {
    this.index = index;
  }

  @Override
  public void handle(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    index.refresh();
    Map<String, Object> body = index.read(s -> {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("refreshed", true);
      b.put("items", s.size());
      b.put("generation", s.generation());
      b.put("index", index.servedDir().toString());
      return b;
    });
    Json.write(ctx, 200, body);
  }
}
