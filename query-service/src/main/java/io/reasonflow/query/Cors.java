package io.reasonflow.query;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Set;

/**
 * Cross-origin access for browser pages on the configured origins only (none by default): their
 * requests get {@code Access-Control-Allow-Origin}, and their preflight {@code OPTIONS} requests
 * are answered 204 here. A preflight from any other origin is refused 403, and other origins'
 * simple requests get no CORS headers, so the browser keeps the answer from the page.
 */
final class Cors implements Handler {
  private static final String MAX_AGE_SECONDS = "600";

  private final Set<String> allowed;

  Cors(List<String> allowedOrigins) {
    this.allowed = Set.copyOf(allowedOrigins);
  }

  @Override
  public void handle(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null) {
      return;
    }
    boolean ok = allowed.contains(origin);
    if (ok) {
      ctx.header("Access-Control-Allow-Origin", origin);
      ctx.header("Vary", "Origin");
    }
    if (ctx.method() == HandlerType.OPTIONS
        && ctx.header("Access-Control-Request-Method") != null) {
      if (!ok) {
        throw new ApiException(
            403,
            "origin "
                + origin
                + " may not call this service from a browser; "
                + "serve.cors.allowed-origins lists the origins that may");
      }
      ctx.header("Access-Control-Allow-Methods", "GET, POST");
      ctx.header("Access-Control-Allow-Headers", "Authorization");
      ctx.header("Access-Control-Max-Age", MAX_AGE_SECONDS);
      ctx.status(204);
      ctx.attribute(Json.WRITTEN, Boolean.TRUE);
      ctx.skipRemainingHandlers();
    }
  }
}
