package io.reasonflow.query;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.reasonflow.common.UserError;
import io.reasonflow.index.search.UnknownItemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps each endpoint: admits query work through the per-client rate limit and the {@link
 * QueryGate}, maps refusals to their JSON error, times the request and counts its outcome by
 * endpoint and status. Requests no endpoint handled (unknown paths, wrong methods, malformed paths,
 * preflights) are counted by {@link #countUnhandled} under {@link ServerMetrics#NO_ENDPOINT}, so
 * every request is counted exactly once. A refusal is logged in one line at DEBUG (a client's
 * mistake is not the operator's problem, and a flood of them must not flood the log); only a fault
 * of the service itself is logged with its stack trace.
 */
final class Instrument {
  private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
  private static final String COUNTED = "rf.counted";
  private static final String FAULT = "rf.fault";

  private final ServerMetrics metrics;
  private final QueryGate gate;
  private final ClientRateLimiter rateLimiter;
  private final QueryHealth health;

  Instrument(ServerMetrics metrics, ServiceLimits limits, QueryHealth health) {
    this.metrics = metrics;
    this.health = health;
    this.gate = new QueryGate(limits);
    this.rateLimiter =
        limits.rateLimited() ? new ClientRateLimiter(limits.ratePerSecond(), limits.burst()) : null;
  }

  /**
   * An endpoint that answers at once from memory ({@code /health}, {@code /metrics}, admin): no
   * limits.
   */
  Handler wrap(String endpoint, Handler h) {
    return ctx -> run(endpoint, ctx, h);
  }

  /**
   * A query endpoint: rate limited per client and admitted through the gate, which bounds
   * concurrent queries.
   */
  Handler query(String endpoint, Handler h) {
    return ctx ->
        run(
            endpoint,
            ctx,
            (Handler)
                c -> {
                  if (rateLimiter != null) {
                    long retryAfter = rateLimiter.acquire(c.ip(), System.nanoTime());
                    if (retryAfter > 0) {
                      throw ApiException.tooManyRequests(
                          "too many requests from " + c.ip() + "; retry in " + retryAfter + " s",
                          retryAfter);
                    }
                  }
                  gate.enter();
                  try {
                    h.handle(c);
                  } finally {
                    gate.exit();
                  }
                },
            true);
  }

  private void run(String endpoint, Context ctx, Handler h) {
    run(endpoint, ctx, h, false);
  }

  private void run(String endpoint, Context ctx, Handler h, boolean isQuery) {
    try {
      time(endpoint, ctx, h);
    } finally {
      if (isQuery) {
        Object fault = ctx.attribute(FAULT);
        health.record(ctx.statusCode(), endpoint + ": " + fault);
      }
    }
  }

  private void time(String endpoint, Context ctx, Handler h) {
    long start = System.nanoTime();
    try {
      h.handle(ctx);
    } catch (ApiException e) {
      refuse(ctx, e);
    } catch (UnknownItemException e) {
      refuse(ctx, new ApiException(404, e.getMessage()));
    } catch (UserError | IllegalArgumentException e) {
      refuse(ctx, ApiException.badRequest(e.getMessage()));
    } catch (Exception e) {
      LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
      ctx.attribute(FAULT, e.toString());
      Json.error(ctx, 500, "internal error; the server log has the details");
    } finally {
      metrics.record(endpoint, ctx.statusCode(), System.nanoTime() - start);
      ctx.attribute(COUNTED, Boolean.TRUE);
    }
  }

  /** Answers a refusal: its status, headers and JSON body, and one line in the log. */
  static void refuse(Context ctx, ApiException e) {
    e.headers().forEach(ctx::header);
    Json.error(ctx, e.status(), e.getMessage());
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "{} {} {} from {}: {}",
          e.status(),
          ctx.method(),
          oneLine(ctx.path()),
          ctx.ip(),
          oneLine(e.getMessage()));
    }
  }

  /** Javalin's request logger: counts the requests no endpoint handled. */
  void countUnhandled(Context ctx, Float ms) {
    if (ctx.attribute(COUNTED) == null) {
      metrics.count(ServerMetrics.NO_ENDPOINT, ctx.statusCode());
    }
  }

  /**
   * A client's text in a log line, with control characters (a line break would forge a log line)
   * replaced.
   */
  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\p{Cntrl}", "?");
  }
}
