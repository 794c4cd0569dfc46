package io.reasonflow.query;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.MethodNotAllowedResponse;
import io.reasonflow.common.UserError;
import java.io.Closeable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP query service over an item index. Every response is JSON (but {@code /metrics}); every
 * refused request gets {@code {"error": "...", "status": N}} with a 4xx status, and only a fault of
 * the service itself answers 500.
 */
public final class QueryServer implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
  private static final int RESULT_COPY_BUFFER_BYTES = 8192;
  private static final int SPARE_THREADS = 8;

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
      ServedProfiles profiles = ServedProfiles.load(config.profiles());
      StoredRecommendations stored = StoredRecommendations.load(config.recommendations());
      ServerMetrics metrics = new ServerMetrics(index);
      Javalin app =
          Javalin.create(cfg -> configure(cfg, config, index, profiles, stored, metrics)).start();
      ScheduledExecutorService refresher =
          config.refreshEvery() == null ? null : startRefresher(index, config);
      LOG.info("serving {} on {}:{}", config.indexDir(), config.host(), app.port());
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

  private static void configure(
      JavalinConfig cfg,
      QueryServerConfig config,
      ServedIndex index,
      ServedProfiles profiles,
      StoredRecommendations stored,
      ServerMetrics metrics) {
    cfg.jetty.port = config.port();
    cfg.jetty.host = config.host();
    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    cfg.jetty.threadPool = requestThreads(config.limits());
    // Jetty answers some malformed requests itself (bad URI, too long, unknown HTTP version): in
    // JSON too
    cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(metrics)));
    cfg.http.prefer405over404 = true;
    // Javalin copies each result to the response through a buffer of this size, allocated per
    // request; its default (Jetty's 32 KB output buffer) was most of what a similar-items request
    // allocated, for a body of about 4 KB.
    cfg.http.responseBufferSize = RESULT_COPY_BUFFER_BYTES;
    AdminAuth admin = new AdminAuth(config.adminToken());
    QueryHealth health = new QueryHealth(index);
    Instrument in = new Instrument(metrics, config.limits(), health);
    cfg.routes.before(PathEncoding::check);
    cfg.routes.before(new Cors(config.corsAllowedOrigins()));

    // query endpoints (in.query: rate limited and admitted through the bounded query gate)
    cfg.routes.get(
        SimilarItemsEndpoint.PATH,
        in.query("similar", new SimilarItemsEndpoint(index, config.minCoViewShoppers())));
    cfg.routes.get(
        UserRecommendationsEndpoint.PATH,
        in.query("user_recommendations", new UserRecommendationsEndpoint(index, profiles, stored)));
    cfg.routes.get(SearchEndpoint.PATH, in.query("search", new SearchEndpoint(index)));
    // answered from memory, outside the query limits, so they answer while queries queue
    cfg.routes.get(
        HealthEndpoint.PATH, in.wrap("health", new HealthEndpoint(index, admin, health)));
    cfg.routes.get(MetricsEndpoint.PATH, in.wrap("metrics", new MetricsEndpoint(metrics)));
    cfg.routes.post(RefreshEndpoint.PATH, in.wrap("refresh", new RefreshEndpoint(index, admin)));
    // what the shop pages need beyond the query endpoints: item details and shoppers, queries like
    // the others
    cfg.routes.get(
        ItemDetailsEndpoint.PATH,
        in.query("item", new ItemDetailsEndpoint(index, config.minCoViewShoppers())));
    cfg.routes.get(ShopperListEndpoint.PATH, in.query("users", new ShopperListEndpoint(stored)));
    cfg.routes.get(
        ShopperProfileEndpoint.PATH, in.query("user", new ShopperProfileEndpoint(index, profiles)));
    WebPages.register(cfg);

    // refusals outside an endpoint (malformed path, CORS, wrong method) and Javalin's own HTML
    // 404/405 pages: JSON
    cfg.routes.exception(ApiException.class, (e, ctx) -> Instrument.refuse(ctx, e));
    cfg.routes.exception(MethodNotAllowedResponse.class, QueryServer::methodNotAllowed);
    cfg.routes.error(404, QueryServer::noSuchEndpoint);
    cfg.routes.error(405, QueryServer::noSuchEndpoint);
    cfg.requestLogger.http(in::countUnhandled);
  }

  /**
   * Request threads. Queries are CPU-bound (the index is memory-mapped and in the page cache) and
   * the {@link QueryGate} lets only {@code maxConcurrent} of them compute at once; the pool holds a
   * thread for each of those and each queued query, plus {@link #SPARE_THREADS} for Jetty's
   * acceptor and selectors, {@code /health}, {@code /metrics} and quick refusals, so those never
   * wait behind queries. (With the earlier pool of 4 threads on 2 cores, 24 clients of k=1000
   * searches pushed {@code /health} to 2.9 s.)
   */
  private static ThreadPool requestThreads(ServiceLimits limits) {
    int threads = limits.maxConcurrent() + limits.maxQueued() + SPARE_THREADS;
    QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(threads, SPARE_THREADS));
    pool.setName("rf-http");
    return pool;
  }

  private static void methodNotAllowed(MethodNotAllowedResponse e, Context ctx) {
    String allowed = e.getDetails().get("availableMethods");
    if (allowed != null) {
      ctx.header("Allow", allowed.replace(" ", "").replace(",", ", "));
    }
    Instrument.refuse(
        ctx,
        new ApiException(
            405,
            ctx.method()
                + " is not allowed on "
                + ctx.path()
                + (allowed == null ? "" : "; allowed: " + allowed)));
  }

  private static void noSuchEndpoint(Context ctx) {
    if (ctx.attribute(Json.WRITTEN) == null) {
      Json.error(ctx, ctx.statusCode(), "no such endpoint: " + ctx.method() + " " + ctx.path());
    }
  }

  private static ScheduledExecutorService startRefresher(
      ServedIndex index, QueryServerConfig config) {
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "index-refresh");
              t.setDaemon(true);
              return t;
            });
    long ms = config.refreshEvery().toMillis();
    s.scheduleWithFixedDelay(
        () -> {
          try {
            index.refresh();
          } catch (UserError e) {
            // a damaged commit or version: ServedIndex has logged it once and keeps serving the
            // good one
          } catch (RuntimeException e) {
            // keep serving the current view; the next tick tries again
            LOG.warn("index refresh failed: {}", e.getMessage(), e);
          }
        },
        ms,
        ms,
        TimeUnit.MILLISECONDS);
    return s;
  }
}
