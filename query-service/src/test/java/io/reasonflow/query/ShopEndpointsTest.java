package io.reasonflow.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.index.TestItems;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoints the shop pages added (item details, shopper list, shopper profile) and the pages
 * themselves being served, against a real index on disk and a real server on an ephemeral port.
 */
class ShopEndpointsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private static List<ItemFeatures> items;
  private static QueryServer server;

  @BeforeAll
  static void start() {
    items = TestItems.clustered(40, 4, 16, 7);
    // item-39 is left out: item-37's second co-view and item-38's first name it, as a neighbour
    // gone from the index
    Path index = TestServing.index(dir, items.subList(0, 39));
    Path profiles = dir.resolve("profiles.jsonl.gz");
    JsonLines.writeAll(
        profiles,
        List.of(
            new UserProfile(
                "u-1",
                items.get(4).vector(),
                3,
                List.of(
                    new Anchor(TestItems.id(4), EventType.CART, 2000L),
                    new Anchor(TestItems.id(8), EventType.VIEW, 1000L)),
                List.of(TestItems.id(4), TestItems.id(8)),
                5,
                2000L)));
    Path recs = dir.resolve("recommendations.jsonl.gz");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String user : List.of("u-c", "u-a", "u-b")) {
      rows.add(Map.of("userId", user, "rank", 1, "itemId", TestItems.id(1)));
    }
    JsonLines.writeAll(recs, rows);
    server =
        QueryServer.start(
            QueryServerConfig.of(index, 0).withProfiles(profiles).withRecommendations(recs));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return TestServing.get(server, path);
  }

  @Test
  void itemDetailsHaveTheCatalogueFactsAndCoViewsWithTitles() throws Exception {
    HttpResponse<String> r = get("/v1/items/item-5");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode b = JSON.readTree(r.body());
    ItemFeatures f = items.get(5);
    assertThat(b.get("itemId").asText()).isEqualTo("item-5");
    assertThat(b.get("title").asText()).isEqualTo(f.item().title());
    assertThat(b.get("brand").asText()).isEqualTo(f.item().brand());
    assertThat(b.get("category").toString())
        .isEqualTo(JSON.writeValueAsString(f.item().categoryPath()));
    assertThat(b.get("price").asDouble()).isEqualTo(f.item().price());
    assertThat(b.get("popularity").asInt()).isEqualTo(f.shoppers());
    assertThat(b.get("coViews")).hasSize(2);
    assertThat(b.get("coViews").get(0).get("itemId").asText()).isEqualTo("item-6");
    assertThat(b.get("coViews").get(0).get("title").asText())
        .isEqualTo(items.get(6).item().title());
    assertThat(b.get("coViews").get(0).get("shoppers").asInt())
        .isEqualTo(f.coViews().get(0).count());
  }

  @Test
  void anItemWithoutPriceSaysNullAndAGoneNeighbourKeepsItsId() throws Exception {
    JsonNode b = JSON.readTree(get("/v1/items/item-29").body()); // i % 10 == 9: no price
    assertThat(b.get("price").isNull()).isTrue();
    JsonNode gone = JSON.readTree(get("/v1/items/item-38").body()).get("coViews").get(0);
    assertThat(gone.get("itemId").asText()).isEqualTo("item-39");
    assertThat(gone.get("title").isNull()).isTrue();
  }

  @Test
  void itemDetailsRefuseUnknownIdsAndParameters() throws Exception {
    assertThat(get("/v1/items/nope").statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(get("/v1/items/nope").body()).get("error").asText())
        .contains("unknown item id: nope");
    assertThat(get("/v1/items/item-5?k=3").statusCode()).isEqualTo(400);
  }

  @Test
  void shopperListIsInIdOrderAndHonoursK() throws Exception {
    JsonNode b = JSON.readTree(get("/v1/users?k=2").body());
    assertThat(b.get("total").asInt()).isEqualTo(3);
    assertThat(b.get("users").toString()).isEqualTo("[\"u-a\",\"u-b\"]");
    assertThat(get("/v1/users?k=0").statusCode()).isEqualTo(400);
    assertThat(get("/v1/users?limit=2").statusCode()).isEqualTo(400);
  }

  @Test
  void shopperProfileListsRecentItemsNewestFirstWithTitles() throws Exception {
    JsonNode b = JSON.readTree(get("/v1/users/u-1").body());
    assertThat(b.get("events").asInt()).isEqualTo(5);
    JsonNode recent = b.get("recent");
    assertThat(recent).hasSize(2);
    assertThat(recent.get(0).get("itemId").asText()).isEqualTo("item-4");
    assertThat(recent.get(0).get("event").asText()).isEqualTo("cart");
    assertThat(recent.get(0).get("title").asText()).isEqualTo(items.get(4).item().title());
    assertThat(get("/v1/users/nobody").statusCode()).isEqualTo(404);
  }

  @Test
  void thePagesAreServedAtTheRootAndUnknownApiPathsStayJson() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).contains("text/html"));
    // nothing from elsewhere (the inlined script names the SVG namespace,
    // http://www.w3.org/2000/svg, which is no fetch)
    assertThat(page.body())
        .doesNotContainPattern("(src|href|url)\\s*[=(]\\s*[\"']?(https?:)?//")
        .doesNotContainPattern("fetch\\(['\"]https?:");
    assertThat(page.headers().firstValue("cache-control")).hasValue("no-cache");
    // one request: the style and scripts are inlined, and still served on their own for a shop to
    // copy
    assertThat(page.body())
        .contains("<style>", "function product(", "window.RF_I18N")
        .doesNotContain("src=\"/app.js\"", "href=\"/app.css\"");
    HttpResponse<String> js = get("/app.js");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("cache-control")).hasValue("no-cache");
    assertThat(js.body()).contains("function product(");
    // a reload of the page is one conditional request answered without a body
    String etag = page.headers().firstValue("etag").orElseThrow();
    HttpResponse<String> again =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/"))
                .header("If-None-Match", etag)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    // gzipped for a client that accepts it
    HttpResponse<byte[]> zipped =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/app.js"))
                .header("Accept-Encoding", "gzip")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(zipped.headers().firstValue("content-encoding")).hasValue("gzip");
    assertThat(
            new String(
                new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body()))
                    .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(js.body());
    HttpResponse<String> missing = get("/v1/nothing-here");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(missing.body()).get("status").asInt()).isEqualTo(404);
  }
}
