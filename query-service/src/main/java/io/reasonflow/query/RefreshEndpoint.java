package io.reasonflow.query;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.reasonflow.common.UserError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /admin/refresh}: serve the newest commit (or the version {@code current} points at)
 * from now on. Needs the admin token (401 without it, 403 when the service has none); takes no
 * parameters and no body (413). 409 when the new commit or version is damaged: the one being served
 * stays.
 */
final class RefreshEndpoint implements Handler {
  static final String PATH = "/admin/refresh";

  private final ServedIndex index;
  private final AdminAuth admin;

  RefreshEndpoint(ServedIndex index, AdminAuth admin) {
    this.index = index;
    this.admin = admin;
  }

  @Override
  public void handle(Context ctx) {
    admin.require(ctx);
    QueryParams.allowOnly(ctx, Set.of());
    if (ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null) {
      throw new ApiException(413, "POST " + PATH + " takes no body");
    }
    try {
      index.refresh();
    } catch (UserError e) {
      // the new commit or version is damaged: the request was fine, the state it asks for is
      // refused
      throw new ApiException(409, e.getMessage());
    }
    Map<String, Object> body =
        index.read(
            s -> {
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
