package io.reasonflow.query;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Set;

/** {@code GET /metrics}: Prometheus text format. */
final class MetricsEndpoint implements Handler {
  static final String PATH = "/metrics";

  private final ServerMetrics metrics;

  MetricsEndpoint(ServerMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void handle(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    ctx.status(200).contentType(metrics.contentType()).result(metrics.scrape());
    ctx.attribute(Json.WRITTEN, Boolean.TRUE);
  }
}
