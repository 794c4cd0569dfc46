package io.reasonflow.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reasonflow.common.UserError;
import io.reasonflow.index.Damage;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.index.IndexVersions;
import io.reasonflow.index.ItemIndexWriter;
import io.reasonflow.index.TestItems;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged index files on disk (issue 12, items 6-7): a damaged version is never served, a good one
 * is never replaced by a damaged one, and /health says "unhealthy" when queries fail instead of
 * "ok".
 */
class QueryServerIntegrityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String TOKEN = "integrity-test-admin-token";

  @TempDir Path root;

  private static Path committedIndex(Path dir, int items) {
    try (ItemIndexWriter w = ItemIndexWriter.open(dir, IndexSettings.DEFAULT)) {
      TestItems.clustered(items, 4, 16, 11).forEach(w::upsert);
      w.commit(Map.of("modelVersion", "1"));
    }
    return dir;
  }

  private static HttpResponse<String> send(QueryServer s, String method, String path)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
            .header("Authorization", "Bearer " + TOKEN);
    b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.noBody()) : b.GET();
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Points {@code root/current} at {@code dir} by hand, as a script bypassing {@code publish}
   * could.
   */
  private static void pointCurrentAt(Path root, Path dir) throws Exception {
    Path tmp = root.resolve("current.tmp");
    Files.createSymbolicLink(tmp, root.relativize(dir));
    Files.move(
        tmp,
        root.resolve(IndexVersions.CURRENT),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void aVersionWithFlippedBytesIsNotServed() {
    Path index = committedIndex(root.resolve("index"), 200);
    Damage.flipSecondHalf(Damage.compoundFile(index), 2_000, 7);

    assertThatThrownBy(() -> QueryServer.start(QueryServerConfig.of(index, 0)).close())
        .isInstanceOf(UserError.class)
        .hasMessageContaining("is damaged")
        .hasMessageContaining(".cfs");
  }

  @Test
  void aDamagedVersionSwitchedInByHandIsRefusedAndTheGoodOneKeepsServing() throws Exception {
    Path good = committedIndex(root.resolve("v1"), 200);
    IndexVersions.publish(root, good);
    Path bad = committedIndex(root.resolve("v2"), 200);
    Damage.truncate(Damage.compoundFile(bad), 0.9);
    try (QueryServer s = QueryServer.start(QueryServerConfig.of(root, 0).withAdminToken(TOKEN))) {
      pointCurrentAt(root, bad);

      HttpResponse<String> refresh = send(s, "POST", "/admin/refresh");
      assertThat(refresh.statusCode()).isEqualTo(409);
      assertThat(JSON.readTree(refresh.body()).get("error").asText())
          .contains("still serving", "is damaged");
      assertThat(send(s, "GET", "/v1/items/item-1/similar?k=5").statusCode()).isEqualTo(200);
      JsonNode health = JSON.readTree(send(s, "GET", "/health").body());
      assertThat(health.get("status").asText()).isEqualTo("ok");
      assertThat(health.get("index").asText()).isEqualTo(good.toRealPath().toString());
    }
    // and a restart on that root fails with one clear line instead of serving the damaged version
    assertThatThrownBy(() -> QueryServer.start(QueryServerConfig.of(root, 0)).close())
        .isInstanceOf(UserError.class)
        .hasMessageContaining("is damaged");
  }

  @Test
  void healthSaysUnhealthyWhenQueriesFailOnFilesDamagedWhileServed() throws Exception {
    Path index = committedIndex(root.resolve("index"), 2_000);
    try (QueryServer s = QueryServer.start(QueryServerConfig.of(index, 0).withAdminToken(TOKEN))) {
      assertThat(send(s, "GET", "/health").statusCode()).isEqualTo(200);
      // the files are memory-mapped: damage written in place reaches the open index, as a failing
      // disk's would
      Damage.flipSecondHalf(Damage.compoundFile(index), 20_000, 7);
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        statuses.add(send(s, "GET", "/v1/items/item-" + i + "/similar?k=20").statusCode());
      }
      HttpResponse<String> health = send(s, "GET", "/health");
      assertThat(statuses).as("queries on the damaged files").contains(500);
      assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
      assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("unhealthy");
    }
  }
}
