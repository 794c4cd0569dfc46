package io.reasonflow.query;

import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.index.ItemIndexWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The HTTP tests' fixture: a committed index on disk for a real server, and plain GETs against that
 * server.
 */
final class TestServing {
  /** The model version every fixture index is committed at. */
  static final String MODEL_VERSION = "3";

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private TestServing() {}

  /**
   * Writes {@code items} as one commit of a default-settings index at {@code dir/index} and returns
   * that path.
   */
  static Path index(Path dir, List<ItemFeatures> items) {
    Path index = dir.resolve("index");
    try (ItemIndexWriter w = ItemIndexWriter.open(index, IndexSettings.DEFAULT)) {
      items.forEach(w::upsert);
      w.commit(Map.of("modelVersion", MODEL_VERSION));
    }
    return index;
  }

  /** {@code GET pathAndQuery} on {@code server}, the body as text. */
  static HttpResponse<String> get(QueryServer server, String pathAndQuery) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + pathAndQuery))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
