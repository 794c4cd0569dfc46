package io.reasonflow.query;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.reasonflow.index.CommitKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /health}: 200 {@code "ok"} with what is being served, or 503 {@code "unhealthy"} when
 * queries cannot be answered ({@link QueryHealth}). The index directory and the failure's details
 * are shown only to a caller with the admin token: file paths tell an outsider about the host and
 * nothing they need.
 */
final class HealthEndpoint implements Handler {
  static final String PATH = "/health";

  private final ServedIndex index;
  private final AdminAuth admin;
  private final QueryHealth health;

  HealthEndpoint(ServedIndex index, AdminAuth admin, QueryHealth health) {
    this.index = index;
    this.admin = admin;
    this.health = health;
  }

  @Override
  public void handle(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    boolean details = admin.isAdmin(ctx);
    Optional<String> problem = health.problem();
    Map<String, Object> body =
        index.read(
            s -> {
              Map<String, Object> b = new LinkedHashMap<>();
              b.put("status", problem.isPresent() ? "unhealthy" : "ok");
              problem.ifPresent(
                  p ->
                      b.put(
                          "reason",
                          details
                              ? p
                              : "queries cannot be answered; the server log has the " + "details"));
              b.put("items", s.size());
              b.put("modelVersion", s.commitUserData().get(CommitKeys.MODEL_VERSION));
              b.put("generation", s.generation());
              if (details) {
                b.put("index", index.servedDir().toString());
              }
              return b;
            });
    Json.write(ctx, problem.isPresent() ? 503 : 200, body);
  }
}
