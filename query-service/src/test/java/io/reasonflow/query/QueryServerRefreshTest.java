package io.reasonflow.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.index.IndexVersions;
import io.reasonflow.index.ItemIndexWriter;
import io.reasonflow.index.TestItems;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New commits and new index versions reach a running server without a single failed request. */
class QueryServerRefreshTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String TOKEN = "refresh-test-admin-token";

  @TempDir Path dir;

  private static void write(Path index, List<ItemFeatures> items, String version) {
    try (ItemIndexWriter w = ItemIndexWriter.open(index, IndexSettings.DEFAULT)) {
      items.forEach(w::upsert);
      w.commit(Map.of("modelVersion", version));
    }
  }

  private static int status(QueryServer s, String method, String path) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + s.port() + path));
    b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.noBody()) : b.GET();
    b.header("Authorization", "Bearer " + TOKEN);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static String body(QueryServer s, String path) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + s.port() + path))
                .header("Authorization", "Bearer " + TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Hammers the server from a background thread; returns the statuses seen once stopped. */
  private static final class Load implements AutoCloseable {
    final AtomicBoolean running = new AtomicBoolean(true);
    final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    final Thread thread;

    Load(QueryServer s) {
      thread =
          new Thread(
              () -> {
                while (running.get()) {
                  try {
                    statuses.add(status(s, "GET", "/v1/items/item-1/similar?k=5"));
                  } catch (Exception e) {
                    statuses.add(-1);
                  }
                }
              });
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join();
    }
  }

  @Test
  void upsertsAndDeletesShowAfterAdminRefreshWithNoFailedRequest() throws Exception {
    List<ItemFeatures> items = TestItems.clustered(60, 3, 8, 7);
    Path index = dir.resolve("index");
    write(index, items.subList(0, 50), "1");
    try (QueryServer s = QueryServer.start(QueryServerConfig.of(index, 0).withAdminToken(TOKEN));
        ItemIndexWriter w = ItemIndexWriter.open(index, IndexSettings.DEFAULT)) {
      Load load = new Load(s);
      items.subList(50, 60).forEach(w::upsert);
      w.delete(TestItems.id(2));
      w.commit(Map.of("modelVersion", "2"));
      assertThat(status(s, "GET", "/v1/items/item-55/similar")).isEqualTo(404); // not refreshed yet

      assertThat(status(s, "POST", "/admin/refresh")).isEqualTo(200);
      assertThat(status(s, "GET", "/v1/items/item-55/similar")).isEqualTo(200);
      assertThat(status(s, "GET", "/v1/items/item-2/similar")).isEqualTo(404);
      assertThat(body(s, "/health")).contains("\"items\":59").contains("\"modelVersion\":\"2\"");
      load.close();
      assertThat(load.statuses).isNotEmpty().containsOnly(200);
    }
  }

  @Test
  void periodicRefreshPicksUpCommitsByItself() throws Exception {
    List<ItemFeatures> items = TestItems.clustered(20, 2, 8, 3);
    Path index = dir.resolve("index");
    write(index, items.subList(0, 10), "1");
    QueryServerConfig cfg = QueryServerConfig.of(index, 0).withRefreshEvery(Duration.ofMillis(50));
    try (QueryServer s = QueryServer.start(cfg)) {
      write(index, items.subList(10, 20), "2");
      long deadline = System.currentTimeMillis() + 5_000;
      while (status(s, "GET", "/v1/items/item-15/similar") != 200
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertThat(status(s, "GET", "/v1/items/item-15/similar")).isEqualTo(200);
    }
  }

  @Test
  void publishingANewVersionSwitchesTheServerAtomically() throws Exception {
    List<ItemFeatures> items = TestItems.clustered(40, 2, 8, 5);
    write(dir.resolve("v1"), items.subList(0, 20), "1");
    write(dir.resolve("v2"), items.subList(20, 40), "2");
    IndexVersions.publish(dir, dir.resolve("v1"));
    try (QueryServer s = QueryServer.start(QueryServerConfig.of(dir, 0).withAdminToken(TOKEN))) {
      assertThat(status(s, "GET", "/v1/items/item-25/similar")).isEqualTo(404);
      Load load = new Load(s);
      IndexVersions.publish(dir, dir.resolve("v2"));
      Thread.sleep(50);
      assertThat(body(s, "/health")).contains("\"modelVersion\":\"1\"");
      assertThat(status(s, "POST", "/admin/refresh")).isEqualTo(200);
      assertThat(body(s, "/health")).contains("\"modelVersion\":\"2\"").contains("v2");
      assertThat(status(s, "GET", "/v1/items/item-25/similar")).isEqualTo(200);
      load.close();
      // item-1 is only in v1: requests answered 200 before the switch and 404 after, never anything
      // else
      assertThat(load.statuses).isNotEmpty().allSatisfy(st -> assertThat(st).isIn(200, 404));
    }
  }
}
