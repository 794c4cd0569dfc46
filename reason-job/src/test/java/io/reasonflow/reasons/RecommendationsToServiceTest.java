package io.reasonflow.reasons;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reasonflow.common.model.StoredRecommendation;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.index.IndexBuilder;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.query.QueryServer;
import io.reasonflow.query.QueryServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reason job's output, written by the job's own sink, read by the query service's reader: the
 * fields the job writes are the fields the service serves, under the same names. Should the job
 * ever write a line other than through {@link StoredRecommendation} (a field renamed on its side
 * only), the names would differ and this fails.
 */
class RecommendationsToServiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void theServiceServesEveryFieldTheJobWroteUnderTheSameName() throws Exception {
    TinyFeatures f = new TinyFeatures(dir.resolve("features"));
    ReasonJobResult result =
        ReasonJob.run(
            BatchEnvironments.local(),
            f.config.with("reasons.top-k", "3").with("reasons.locales", "zh-CN"),
            f.layout,
            dir.resolve("out"),
            null);
    List<JsonNode> lines = ReasonJobTest.byShopperAndRank(result.recommendationsFile());
    assertThat(lines).isNotEmpty();

    // every field of the record the service reads is in every line (otherLocales: where a zh-CN
    // reason verified)
    List<String> fields =
        Arrays.stream(StoredRecommendation.class.getRecordComponents())
            .map(c -> c.getName())
            .filter(n -> !n.equals("otherLocales"))
            .toList();
    lines.forEach(l -> assertThat(l.fieldNames()).toIterable().as("%s", l).containsAll(fields));
    assertThat(lines)
        .anyMatch(l -> l.path("otherLocales").path("zh-CN").path("reason").isTextual());
    // and the job reads its lines back to the same objects: nothing it writes is lost in the typed
    // record
    for (JsonNode l : lines) {
      Recommendation typed = JsonLines.MAPPER.treeToValue(l, Recommendation.class);
      assertThat((JsonNode) JsonLines.MAPPER.valueToTree(typed)).isEqualTo(l);
    }

    Path index = dir.resolve("index");
    IndexBuilder.build(f.layout.items(), index, IndexSettings.DEFAULT);
    try (QueryServer server =
        QueryServer.start(
            QueryServerConfig.of(index, 0).withRecommendations(result.recommendationsFile()))) {
      for (String user : List.of("u1", "u2")) {
        List<JsonNode> written =
            lines.stream().filter(l -> l.get("userId").asText().equals(user)).toList();
        JsonNode served = get(server, "/v1/users/" + user + "/recommendations?k=10");
        assertThat(served.get("source").asText()).isEqualTo("stored");
        assertThat(served.get("recommendations")).as(user).containsExactlyElementsOf(written);

        JsonNode zh =
            get(server, "/v1/users/" + user + "/recommendations?k=10&locale=zh-CN")
                .get("recommendations");
        for (int i = 0; i < written.size(); i++) {
          JsonNode in = written.get(i).path("otherLocales").path("zh-CN");
          if (in.isObject()) {
            assertThat(zh.get(i).get("reason")).isEqualTo(in.get("reason"));
            assertThat(zh.get(i).get("claims")).isEqualTo(in.get("claims"));
            assertThat(zh.get(i).get("locale").asText()).isEqualTo("zh-CN");
          }
        }
      }
    }
  }

  private static JsonNode get(QueryServer server, String path) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
