package io.reasonflow.index.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.reasonflow.common.UserError;
import io.reasonflow.index.search.UnknownItemException;
import java.io.Closeable;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * The HTTP query service over an item index. Every response is JSON (but {@code /metrics}); every refused request
 * gets {@code {"error": "...", "status": N}} with a 4xx status, and only a fault of the service itself answers 500.
 */
public final class QueryServer implements Closeable {
  private static final System.Logger LOG = System.getLogger(QueryServer.class.getName());
  private static final int RESULT_COPY_BUFFER_BYTES = 8192;

  private final Javalin app;
  private final ServedIndex index;
  private final ScheduledExecutorService refresher;

  private QueryServer(Javalin app, ServedIndex index, ScheduledExecutorService refresher) {
    this.app = app;
    this.index = index;
    this.refresher = refresher;
  }

  /**
   * Opens the index and the optional user files, and starts listening.
   *
   * @throws UserError when the index or a named file is missing or unreadable
   */
  public static QueryServer start(QueryServerConfig config) {
    ServedIndex index = new ServedIndex(config.indexDir());
    try {
      Profiles profiles = Profiles.load(config.profiles());
      StoredRecommendations stored = StoredRecommendations.load(config.recommendations());
      ServerMetrics metrics = new ServerMetrics(index);
      Javalin app = Javalin.create(cfg -> configure(cfg, config, index, profiles, stored, metrics)).start();
      ScheduledExecutorService refresher = config.refreshEvery() == null ? null : startRefresher(index, config);
      LOG.log(Level.INFO, "serving {0} on port {1}", config.indexDir(), app.port());
      return new QueryServer(app, index, refresher);
    } catch (RuntimeException e) {
      index.close();
      throw e;
    }
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    if (refresher != null) {
      refresher.shutdownNow();
    }
    app.stop();
    index.close();
  }

  private static void configure(JavalinConfig cfg, QueryServerConfig config, ServedIndex index, Profiles profiles,
      StoredRecommendations stored, ServerMetrics metrics) {
    cfg.jetty.port = config.port();
    if (config.host() != null) {
      cfg.jetty.host = config.host();
    }
    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    cfg.jetty.threadPool = requestThreads();
    // Javalin copies each result to the response through a buffer of this size, allocated per request; its default
    // (Jetty's 32 KB output buffer) was most of what a similar-items request allocated, for a body of about 4 KB.
    cfg.http.responseBufferSize = RESULT_COPY_BUFFER_BYTES;
    Instrument in = new Instrument(metrics);
    cfg.routes.get(SimilarItemsEndpoint.PATH, in.wrap("similar", new SimilarItemsEndpoint(index)));
    cfg.routes.get(UserRecommendationsEndpoint.PATH,
        in.wrap("user_recommendations", new UserRecommendationsEndpoint(index, profiles, stored)));
    cfg.routes.get(SearchEndpoint.PATH, in.wrap("search", new SearchEndpoint(index)));
    cfg.routes.get(HealthEndpoint.PATH, in.wrap("health", new HealthEndpoint(index)));
    cfg.routes.get(MetricsEndpoint.PATH, in.wrap("metrics", new MetricsEndpoint(metrics)));
    cfg.routes.post(RefreshEndpoint.PATH, in.wrap("refresh", new RefreshEndpoint(index)));
    cfg.routes.get(ItemDetailsEndpoint.PATH, in.wrap("item", new ItemDetailsEndpoint(index)));
    cfg.routes.get(ShopperListEndpoint.PATH, in.wrap("users", new ShopperListEndpoint(stored)));
    cfg.routes.get(ShopperProfileEndpoint.PATH, in.wrap("user", new ShopperProfileEndpoint(index, profiles)));
    WebPages.register(cfg);
    // Javalin's own 404/405 pages are HTML; answer in the same JSON shape as every other error.
    cfg.routes.error(404, QueryServer::noSuchEndpoint);
    cfg.routes.error(405, QueryServer::noSuchEndpoint);
  }

  /**
   * A small fixed pool. Requests are CPU-bound (the index is memory-mapped and in the page cache), so more handlers
   * than cores only take turns on them: with Javalin's default pool (up to 250 threads) all 16 connections of the
   * load test were served at once on 2 cores, and context switches cost throughput and p99. Jetty takes its
   * acceptor and selector threads from this pool too, and does not start with fewer than 4.
   */
  private static ThreadPool requestThreads() {
    int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    QueuedThreadPool pool = new QueuedThreadPool(threads, threads);
    pool.setName("rf-http");
    return pool;
  }

  private static void noSuchEndpoint(Context ctx) {
    if (ctx.attribute(Json.WRITTEN) == null) {
      Json.error(ctx, ctx.statusCode(), "no such endpoint: " + ctx.method() + " " + ctx.path());
    }
  }

  private static ScheduledExecutorService startRefresher(ServedIndex index, QueryServerConfig config) {
    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "index-refresh");
      t.setDaemon(true);
      return t;
    });
    long ms = config.refreshEvery().toMillis();
    s.scheduleWithFixedDelay(() -> {
      try {
        index.refresh();
      } catch (RuntimeException e) {
        // keep serving the current view; the next tick tries again
        LOG.log(Level.WARNING, "index refresh failed: " + e.getMessage(), e);
      }
    }, ms, ms, TimeUnit.MILLISECONDS);
    return s;
  }

  /** Times each request, maps refusals to their JSON error, and counts the outcome by endpoint and status. */
  private record Instrument(ServerMetrics metrics) {
    Handler wrap(String endpoint, Handler h) {
      return ctx -> {
        long start = System.nanoTime();
        try {
          h.handle(ctx);
        } catch (ApiException e) {
          Json.error(ctx, e.status(), e.getMessage());
        } catch (UnknownItemException e) {
          Json.error(ctx, 404, e.getMessage());
        } catch (UserError | IllegalArgumentException e) {
          Json.error(ctx, 400, e.getMessage());
        } catch (Exception e) {
          LOG.log(Level.ERROR, "request " + ctx.method() + " " + ctx.path() + " failed", e);
          Json.error(ctx, 500, "internal error; the server log has the details");
        } finally {
          metrics.record(endpoint, ctx.statusCode(), System.nanoTime() - start);
        }
      };
    }
  }
}
