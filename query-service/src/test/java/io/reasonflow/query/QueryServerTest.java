package io.reasonflow.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.index.TestItems;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP contract against a real index on disk and a real server on an ephemeral port. */
class QueryServerTest {
  /**
   * Strict: a body must be exactly one JSON document, with nothing (such as a framework's own text)
   * after it.
   */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @TempDir static Path dir;
  private static List<ItemFeatures> items;
  private static QueryServer server;

  @BeforeAll
  static void start() {
    items = TestItems.clustered(120, 4, 16, 99);
    Path index = TestServing.index(dir, items);
    Path profiles = dir.resolve("profiles.jsonl.gz");
    // u-vec sits on item 4's vector and has seen items 4 and 8 (both in item 4's cluster)
    JsonLines.writeAll(
        profiles,
        List.of(
            new UserProfile(
                "u-vec",
                items.get(4).vector(),
                3,
                List.of(new Anchor(TestItems.id(4), EventType.VIEW, 1000L)),
                List.of(TestItems.id(4), TestItems.id(8)),
                2,
                1000L)));
    Path recs = dir.resolve("recommendations.jsonl.gz");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int rank = 3; rank >= 1; rank--) { // written out of order: the server sorts by rank
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("userId", "u-stored");
      r.put("rank", rank);
      r.put("itemId", TestItems.id(rank));
      r.put("reason", "12 shoppers who viewed X also viewed item " + rank);
      rows.add(r);
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

  static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return TestServing.get(server, pathAndQuery);
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void similarItemsReturnsKHitsWithScoresAndReasons() throws Exception {
    HttpResponse<String> r = get("/v1/items/item-5/similar?k=7");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).contains("json"));
    JsonNode hits = json(r).get("hits");
    assertThat(hits).hasSize(7);
    double previous = Double.MAX_VALUE;
    for (JsonNode h : hits) {
      assertThat(h.get("itemId").asText()).isNotEqualTo("item-5");
      assertThat(h.get("matchedBy").asText()).isEqualTo("vector");
      assertThat(h.get("why").asText()).contains("cosine");
      assertThat(h.get("score").asDouble()).isLessThanOrEqualTo(previous);
      previous = h.get("score").asDouble();
    }
  }

  @Test
  void similarItemsAppliesFilters() throws Exception {
    JsonNode hits =
        json(get(
                "/v1/items/item-5/similar?k=5&category=nails&brand=Cirrus&minPrice=10&maxPrice=200"))
            .get("hits");
    assertThat(hits).isNotEmpty();
    for (JsonNode h : hits) {
      assertThat(h.get("category").toString()).contains("Nails");
      assertThat(h.get("brand").asText()).isEqualTo("Cirrus");
      assertThat(h.get("price").asDouble()).isBetween(10.0, 200.0);
    }
  }

  @Test
  void storedRecommendationsAreServedAsWrittenInRankOrder() throws Exception {
    JsonNode body = json(get("/v1/users/u-stored/recommendations?k=2"));
    assertThat(body.get("source").asText()).isEqualTo("stored");
    JsonNode recs = body.get("recommendations");
    assertThat(recs).hasSize(2);
    assertThat(recs.get(0).get("rank").asInt()).isEqualTo(1);
    assertThat(recs.get(0).get("itemId").asText()).isEqualTo("item-1");
    assertThat(recs.get(1).get("reason").asText())
        .isEqualTo("12 shoppers who viewed X also viewed item 2");
  }

  @Test
  void profileUsersGetNearestItemsWithoutSeenOnes() throws Exception {
    JsonNode body = json(get("/v1/users/u-vec/recommendations?k=5"));
    assertThat(body.get("source").asText()).isEqualTo("profile-vector");
    JsonNode recs = body.get("recommendations");
    assertThat(recs).hasSize(5);
    for (JsonNode h : recs) {
      assertThat(h.get("itemId").asText()).isNotIn("item-4", "item-8");
      assertThat(Integer.parseInt(h.get("itemId").asText().substring(5)) % 4)
          .isZero(); // item 4's cluster
      assertThat(h.get("why").asText()).contains("profile");
    }
  }

  @Test
  void searchFindsTitlesAndSaysWhy() throws Exception {
    HttpResponse<String> r =
        get(
            "/v1/search?q="
                + URLEncoder.encode("cluster3 product", StandardCharsets.UTF_8)
                + "&k=5");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode hits = json(r).get("hits");
    assertThat(hits).hasSize(5);
    assertThat(hits.get(0).get("title").asText()).contains("cluster3");
    assertThat(hits.get(0).get("matchedBy").asText()).contains("title");
    assertThat(hits.get(0).get("why").asText()).isNotBlank();
  }

  @Test
  void healthReportsTheServedIndex() throws Exception {
    JsonNode body = json(get("/health"));
    assertThat(body.get("status").asText()).isEqualTo("ok");
    assertThat(body.get("items").asInt()).isEqualTo(items.size());
    assertThat(body.get("modelVersion").asText()).isEqualTo("3");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/v1/items/nope/similar|404|unknown item id: nope",
        "/v1/users/nobody/recommendations|404|unknown user id: nobody",
        "/v1/items/item-1/similar?k=0|400|k must be in 1..1000",
        "/v1/items/item-1/similar?k=1001|400|k must be in 1..1000",
        "/v1/items/item-1/similar?k=ten|400|k must be a whole number",
        "/v1/items/item-1/similar?minPrice=cheap|400|minPrice must be a number",
        "/v1/items/item-1/similar?maxPrice=NaN|400|maxPrice must be a finite number",
        "/v1/items/item-1/similar?minPrice=9&maxPrice=3|400|is above maxPrice",
        "/v1/items/item-1/similar?colour=red|400|unknown query parameter 'colour'",
        "/v1/items/item-1/similar?k=1&k=2|400|more than once",
        "/v1/users/u-vec/recommendations?k=-1|400|k must be in 1..1000",
        "/v1/users/u-vec/recommendations?category=x|400|unknown query parameter 'category'",
        "/v1/search|400|query parameter 'q' is required",
        "/v1/search?q=%20|400|query parameter 'q' is required",
        "/v1/search?q=x&k=abc|400|k must be a whole number",
        "/v1/search?q=x&sort=price|400|unknown query parameter 'sort'",
        "/v1/nothing-here|404|no such endpoint",
      })
  void userMistakesGetJsonErrorsWithTheirStatus(String path, int status, String message)
      throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).isEqualTo(status);
    JsonNode body = json(r);
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("error").asText()).contains(message);
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void queryLongerThan512CharactersIsRefused() throws Exception {
    assertThat(get("/v1/search?q=" + "a".repeat(512)).statusCode()).isEqualTo(200);
    HttpResponse<String> r = get("/v1/search?q=" + "a".repeat(513));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("error").asText()).contains("513 characters");
  }

  @Test
  void metricsCountRequestsByEndpointAndStatusAndReportTheIndex() throws Exception {
    get("/v1/items/item-2/similar?k=3");
    get("/v1/items/unknown/similar");
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .containsPattern("rf_http_requests_total\\{endpoint=\"similar\",status=\"200\"} [1-9]")
        .containsPattern("rf_http_requests_total\\{endpoint=\"similar\",status=\"404\"} [1-9]")
        .contains("rf_http_request_duration_seconds_bucket{endpoint=\"similar\"")
        .contains("rf_index_items " + items.size())
        .contains("rf_index_model_version 3");
  }
}
