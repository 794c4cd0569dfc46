package io.reasonflow.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.index.TestItems;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two rules of the API on a real index and server: a co-view count below {@code
 * reasons.privacy.min-shoppers} is never disclosed, and {@code ?locale=} answers the stored reasons
 * in the language asked for (or says which records have none in it).
 */
class ReasonLocaleAndPrivacyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * TestItems.item(5) has co-views item-6 (7 shoppers) and item-7 (5 shoppers): one above, one
   * below this.
   */
  private static final int MIN_SHOPPERS = 6;

  @TempDir static Path dir;
  private static QueryServer server;

  @BeforeAll
  static void start() {
    List<ItemFeatures> items = TestItems.clustered(40, 4, 16, 7);
    Path index = TestServing.index(dir, items);
    Path recs = dir.resolve("recommendations.jsonl.gz");
    // u-1: rank 1 written in en and zh-CN, rank 2 in en only (as a zh-CN reason that did not verify
    // leaves it);
    // u-old: a record of a reason job from before reasons.locales (no otherLocales)
    JsonLines.writeAll(
        recs,
        List.of(
            Map.of(
                "userId",
                "u-1",
                "rank",
                1,
                "itemId",
                "item-1",
                "reason",
                "Because you bought A.",
                "locale",
                "en",
                "template",
                "t-en",
                "claims",
                List.of(Map.of("claim", "AnchorClaim", "rendered", "A")),
                "otherLocales",
                Map.of(
                    "zh-CN",
                    Map.of(
                        "reason",
                        "因为你买过 A。",
                        "realiser",
                        "template",
                        "template",
                        "t-zh",
                        "claims",
                        List.of(Map.of("claim", "AnchorClaim", "rendered", "A的中文"))))),
            Map.of(
                "userId",
                "u-1",
                "rank",
                2,
                "itemId",
                "item-2",
                "reason",
                "Because you viewed B.",
                "locale",
                "en"),
            Map.of(
                "userId",
                "u-old",
                "rank",
                1,
                "itemId",
                "item-3",
                "reason",
                "Because.",
                "locale",
                "en")));
    server =
        QueryServer.start(
            QueryServerConfig.of(index, 0)
                .withRecommendations(recs)
                .withMinCoViewShoppers(MIN_SHOPPERS));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return TestServing.get(server, path);
  }

  @Test
  void itemDetailsLeaveOutCoViewsBelowTheThreshold() throws Exception {
    JsonNode b = JSON.readTree(get("/v1/items/item-5").body());
    assertThat(b.get("coViewMinShoppers").asInt()).isEqualTo(MIN_SHOPPERS);
    assertThat(b.get("coViews")).hasSize(1);
    assertThat(b.get("coViews").get(0).get("itemId").asText()).isEqualTo("item-6");
    assertThat(b.get("coViews").get(0).get("shoppers").asInt()).isEqualTo(7);
  }

  @Test
  void similarItemsSayNullBelowTheThresholdAndTheirWhyIsSilentAboutIt() throws Exception {
    JsonNode b = JSON.readTree(get("/v1/items/item-5/similar?k=39").body());
    assertThat(b.get("coViewMinShoppers").asInt()).isEqualTo(MIN_SHOPPERS);
    JsonNode six = null;
    JsonNode seven = null;
    for (JsonNode h : b.get("hits")) {
      if (h.get("itemId").asText().equals("item-6")) {
        six = h;
      } else if (h.get("itemId").asText().equals("item-7")) {
        seven = h;
      }
      if (!h.get("coViewShoppers").isNull()) {
        assertThat(h.get("coViewShoppers").asInt()).isGreaterThanOrEqualTo(MIN_SHOPPERS);
      }
    }
    assertThat(six).isNotNull();
    assertThat(seven).isNotNull();
    assertThat(six.get("coViewShoppers").asInt()).isEqualTo(7);
    assertThat(six.get("why").asText()).contains("7 shoppers had both");
    assertThat(seven.get("coViewShoppers").isNull()).isTrue();
    assertThat(seven.get("why").asText()).doesNotContain("shoppers");
  }

  @Test
  void storedReasonsComeInTheLocaleAskedFor() throws Exception {
    JsonNode b = JSON.readTree(get("/v1/users/u-1/recommendations?locale=zh-CN").body());
    assertThat(b.get("locale").asText()).isEqualTo("zh-CN");
    JsonNode first = b.get("recommendations").get(0);
    assertThat(first.get("reason").asText()).isEqualTo("因为你买过 A。");
    assertThat(first.get("locale").asText()).isEqualTo("zh-CN");
    assertThat(first.get("template").asText()).isEqualTo("t-zh");
    assertThat(first.get("claims").get(0).get("rendered").asText()).isEqualTo("A的中文");
    assertThat(first.has("otherLocales")).isFalse();
    // the second has no zh-CN reason: it keeps its English one, and the body says which
    JsonNode second = b.get("recommendations").get(1);
    assertThat(second.get("reason").asText()).isEqualTo("Because you viewed B.");
    assertThat(second.get("locale").asText()).isEqualTo("en");
    assertThat(b.get("notInLocale").toString()).isEqualTo("[\"item-2\"]");

    JsonNode en = JSON.readTree(get("/v1/users/u-1/recommendations?locale=en").body());
    assertThat(en.get("recommendations").get(0).get("reason").asText())
        .isEqualTo("Because you bought A.");
    assertThat(en.get("notInLocale")).isEmpty();
    JsonNode asStored = JSON.readTree(get("/v1/users/u-1/recommendations").body());
    assertThat(asStored.has("locale")).isFalse();
    assertThat(asStored.get("recommendations").get(0).get("otherLocales").has("zh-CN")).isTrue();
    JsonNode old = JSON.readTree(get("/v1/users/u-old/recommendations?locale=zh-cn").body());
    assertThat(old.get("locale").asText()).as("canonical spelling").isEqualTo("zh-CN");
    assertThat(old.get("notInLocale").toString()).isEqualTo("[\"item-3\"]");
  }

  @Test
  void anUnsupportedLocaleIsA400WithAMessage() throws Exception {
    HttpResponse<String> r = get("/v1/users/u-1/recommendations?locale=fr");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).get("error").asText())
        .contains("locale", "en, zh-CN", "'fr'");
  }
}
