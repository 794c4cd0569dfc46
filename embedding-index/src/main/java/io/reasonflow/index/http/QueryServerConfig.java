package io.reasonflow.index.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What the query service serves.
 *
 * @param indexDir the item index
 * @param port TCP port, 0 for any free port
 * @param profiles {@code UserProfile} JSON lines, or null (then user recommendations need stored ones)
 * @param recommendations {@code recommendations.jsonl.gz} (objects with at least userId, rank, itemId), or null
 * @param refreshEvery how often to pick up new index commits by itself, or null for only on
 *     {@code POST /admin/refresh}
 * @param host the address to listen on, e.g. {@code 127.0.0.1} for this machine only; null for every interface
 */
public record QueryServerConfig(Path indexDir, int port, Path profiles, Path recommendations, Duration refreshEvery,
    String host) {
  public QueryServerConfig {
    Objects.requireNonNull(indexDir, "indexDir");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, got " + port);
    }
    if (refreshEvery != null && (refreshEvery.isNegative() || refreshEvery.isZero())) {
      throw new IllegalArgumentException("refreshEvery must be positive, got " + refreshEvery);
    }
  }

  public QueryServerConfig(Path indexDir, int port, Path profiles, Path recommendations, Duration refreshEvery) {
    this(indexDir, port, profiles, recommendations, refreshEvery, null);
  }

  public static QueryServerConfig of(Path indexDir, int port) {
    return new QueryServerConfig(indexDir, port, null, null, null, null);
  }

  public QueryServerConfig withHost(String h) {
    return new QueryServerConfig(indexDir, port, profiles, recommendations, refreshEvery, h);
  }

  public QueryServerConfig withProfiles(Path p) {
    return new QueryServerConfig(indexDir, port, p, recommendations, refreshEvery, host);
  }

  public QueryServerConfig withRecommendations(Path r) {
    return new QueryServerConfig(indexDir, port, profiles, r, refreshEvery, host);
  }

  public QueryServerConfig withRefreshEvery(Duration d) {
    return new QueryServerConfig(indexDir, port, profiles, recommendations, d, host);
  }
}
