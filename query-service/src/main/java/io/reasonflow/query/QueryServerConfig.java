package io.reasonflow.query;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the query service serves, where it listens and whom it lets in. Start from {@link #of} (safe
 * defaults: this machine only, admin endpoints off, no cross-origin access) and change what differs
 * with the {@code with} methods.
 *
 * @param indexDir the item index
 * @param port TCP port, 0 for any free port
 * @param profiles {@code UserProfile} JSON lines, or null (then user recommendations need stored
 *     ones)
 * @param recommendations the reason job's {@code recommendations/} parts, or one JSON-lines file
 *     (objects with at least userId, rank, itemId), or null
 * @param refreshEvery how often to pick up new index commits by itself, or null for only on {@code
 *     POST /admin/refresh}
 * @param host the address to listen on: {@link #LOOPBACK} for this machine only, {@code 0.0.0.0}
 *     for every IPv4 interface, {@code ::} for every interface
 * @param adminToken the bearer token {@code /admin/*} requires (and {@code /health} for its
 *     details), or null to turn admin endpoints off
 * @param limits concurrency, queue and per-client rate limits of query endpoints
 * @param corsAllowedOrigins origins (e.g. {@code https://shop.example}) whose pages may call the
 *     API from a browser; empty for none
 * @param minCoViewShoppers the fewest shoppers behind a co-view count the API discloses ({@code
 *     reasons.privacy.min-shoppers}, the threshold the reasons obey): a smaller count is never
 *     shown
 */
public record QueryServerConfig(
    Path indexDir,
    int port,
    Path profiles,
    Path recommendations,
    Duration refreshEvery,
    String host,
    String adminToken,
    ServiceLimits limits,
    List<String> corsAllowedOrigins,
    int minCoViewShoppers) {
  public static final String LOOPBACK = "127.0.0.1";

  /** The default of {@code reasons.privacy.min-shoppers}. */
  public static final int DEFAULT_MIN_CO_VIEW_SHOPPERS = 5;

  public QueryServerConfig {
    Objects.requireNonNull(indexDir, "indexDir");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(limits, "limits");
    corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, got " + port);
    }
    if (refreshEvery != null && (refreshEvery.isNegative() || refreshEvery.isZero())) {
      throw new IllegalArgumentException("refreshEvery must be positive, got " + refreshEvery);
    }
    if (host.isBlank()) {
      throw new IllegalArgumentException(
          "host must not be blank (127.0.0.1 for this machine only)");
    }
    if (minCoViewShoppers < 1) {
      throw new IllegalArgumentException(
          "minCoViewShoppers must be at least 1, got " + minCoViewShoppers);
    }
    if (adminToken != null && adminToken.strip().length() < MIN_TOKEN_CHARS) {
      throw new IllegalArgumentException(
          "the admin token must have at least " + MIN_TOKEN_CHARS + " characters");
    }
  }

  /** Shorter tokens can be guessed; 16 random characters cannot. */
  public static final int MIN_TOKEN_CHARS = 16;

  public static QueryServerConfig of(Path indexDir, int port) {
    return new QueryServerConfig(
        indexDir,
        port,
        null,
        null,
        null,
        LOOPBACK,
        null,
        ServiceLimits.DEFAULT,
        List.of(),
        DEFAULT_MIN_CO_VIEW_SHOPPERS);
  }

  public QueryServerConfig withHost(String h) {
    return new QueryServerConfig(
        indexDir,
        port,
        profiles,
        recommendations,
        refreshEvery,
        h,
        adminToken,
        limits,
        corsAllowedOrigins,
        minCoViewShoppers);
  }

  public QueryServerConfig withProfiles(Path p) {
    return new QueryServerConfig(
        indexDir,
        port,
        p,
        recommendations,
        refreshEvery,
        host,
        adminToken,
        limits,
        corsAllowedOrigins,
        minCoViewShoppers);
  }

  public QueryServerConfig withRecommendations(Path r) {
    return new QueryServerConfig(
        indexDir,
        port,
        profiles,
        r,
        refreshEvery,
        host,
        adminToken,
        limits,
        corsAllowedOrigins,
        minCoViewShoppers);
  }

  public QueryServerConfig withRefreshEvery(Duration d) {
    return new QueryServerConfig(
        indexDir,
        port,
        profiles,
        recommendations,
        d,
        host,
        adminToken,
        limits,
        corsAllowedOrigins,
        minCoViewShoppers);
  }

  public QueryServerConfig withAdminToken(String token) {
    return new QueryServerConfig(
        indexDir,
        port,
        profiles,
        recommendations,
        refreshEvery,
        host,
        token == null ? null : token.strip(),
        limits,
        corsAllowedOrigins,
        minCoViewShoppers);
  }

  public QueryServerConfig withLimits(ServiceLimits l) {
    return new QueryServerConfig(
        indexDir,
        port,
        profiles,
        recommendations,
        refreshEvery,
        host,
        adminToken,
        l,
        corsAllowedOrigins,
        minCoViewShoppers);
  }

  public QueryServerConfig withCorsAllowedOrigins(List<String> origins) {
    return new QueryServerConfig(
        indexDir,
        port,
        profiles,
        recommendations,
        refreshEvery,
        host,
        adminToken,
        limits,
        origins,
        minCoViewShoppers);
  }

  public QueryServerConfig withMinCoViewShoppers(int n) {
    return new QueryServerConfig(
        indexDir,
        port,
        profiles,
        recommendations,
        refreshEvery,
        host,
        adminToken,
        limits,
        corsAllowedOrigins,
        n);
  }
}
