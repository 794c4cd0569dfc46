package io.reasonflow.query;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.reasonflow.index.CommitKeys;
import io.reasonflow.index.search.ItemSearcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The service's Prometheus metrics, in a registry of its own so two servers in one JVM (tests) do
 * not collide: requests by endpoint and status, latency by endpoint, and the size and model version
 * of the index being served.
 */
final class ServerMetrics {
  /** The endpoint label of requests no endpoint handled. */
  static final String NO_ENDPOINT = "none";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter requests;
  private final Histogram latency;

  ServerMetrics(ServedIndex index) {
    requests =
        Counter.builder()
            .name("rf_http_requests_total")
            .help("HTTP requests by endpoint and status")
            .labelNames("endpoint", "status")
            .register(registry);
    latency =
        Histogram.builder()
            .name("rf_http_request_duration_seconds")
            .help("HTTP request latency by endpoint")
            .labelNames("endpoint")
            .classicOnly()
            .register(registry);
    GaugeWithCallback.builder()
        .name("rf_index_items")
        .help("Items in the index view being served")
        .callback(cb -> cb.call(index.read(ItemSearcher::size)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("rf_index_model_version")
        .help(
            "Embedding model version of the served index commit (-1 when the commit does not say)")
        .callback(cb -> cb.call(index.read(ServerMetrics::modelVersion)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("rf_index_generation")
        .help("Lucene commit generation being served; grows as refreshes pick up commits")
        .callback(cb -> cb.call(index.read(ItemSearcher::generation)))
        .register(registry);
  }

  /**
   * Counts a request that no endpoint handled (an unknown path, a refused preflight, an error Jetty
   * answered).
   */
  void count(String endpoint, int status) {
    requests.labelValues(endpoint, Integer.toString(status)).inc();
  }

  void record(String endpoint, int status, long nanos) {
    requests.labelValues(endpoint, Integer.toString(status)).inc();
    latency.labelValues(endpoint).observe(nanos / 1e9);
  }

  byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape(), EscapingScheme.DEFAULT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }

  private static Double modelVersion(ItemSearcher s) {
    try {
      return Double.parseDouble(s.commitUserData().getOrDefault(CommitKeys.MODEL_VERSION, "-1"));
    } catch (NumberFormatException e) {
      return -1.0;
    }
  }
}
