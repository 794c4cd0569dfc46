package io.reasonflow.index.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.reasonflow.index.CommitKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /health}: up, with what is being served. The index directory is shown only to a caller with the admin
 * token: a filesystem path tells an outsider about the host and nothing they need.
 */
final class HealthEndpoint implements Handler {
  static final String PATH = "/health";

  private final ServedIndex index;
  private final AdminAuth admin;

  HealthEndpoint(ServedIndex index, AdminAuth admin) {
    this.index = index;
    this.admin = admin;
  }

  @Override
  public void handle(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    boolean details = admin.isAdmin(ctx);
    Map<String, Object> body = index.read(s -> {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("status", "ok");
      b.put("items", s.size());
      b.put("modelVersion", s.commitUserData().get(CommitKeys.MODEL_VERSION));
      b.put("generation", s.generation());
      if (details) {
        b.put("index", index.servedDir().toString());
      }
      return b;
    });
    Json.write(ctx, 200, body);
  }
}
