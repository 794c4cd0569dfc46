package io.reasonflow.reasons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reasonflow.common.UserError;
import io.reasonflow.common.store.JsonLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ReasonJobTest {
  @TempDir Path dir;

  @Test
  void writesVerifiedRecommendationsWithEvidenceAndAReport() throws Exception {
    TinyFeatures f = new TinyFeatures(dir.resolve("features"));
    Path out = dir.resolve("out");

    ReasonJobResult result =
        ReasonJob.run(
            BatchEnvironments.local(), f.config.with("reasons.top-k", "3"), f.layout, out, null);

    assertThat(result.users()).isEqualTo(2);
    assertThat(result.rejectedReasons()).isZero();
    List<JsonNode> lines = JsonLines.readAll(result.recommendationsFile(), JsonNode.class);
    assertThat(lines).hasSize((int) result.recommendations()).isNotEmpty();
    JsonNode first = lines.get(0);
    for (String field :
        List.of(
            "userId",
            "rank",
            "itemId",
            "title",
            "score",
            "reason",
            "locale",
            "realiser",
            "evidence")) {
      assertThat(first.has(field)).as(field).isTrue();
    }
    // u1 has seen A and D: neither is recommended to u1, and every reason names one of u1's items
    lines.stream()
        .filter(l -> l.get("userId").asText().equals("u1"))
        .forEach(
            l -> {
              assertThat(l.get("itemId").asText()).isNotIn("A", "D");
              assertThat(l.get("reason").asText())
                  .containsAnyOf("OPI nail polish", "Avalon shampoo");
            });
    assertThat(first.get("evidence").get("anchors").get(0).get("source").asText())
        .startsWith("profile.recent[");
    assertThat(Files.readString(result.reportFile())).contains("Shopper u1", "OPI Nail Lacquer");
  }

  @Test
  void chineseLocaleAndNamedUsers() {
    TinyFeatures f = new TinyFeatures(dir.resolve("features"));
    ReasonJobResult result =
        ReasonJob.run(
            BatchEnvironments.local(),
            f.config.with("reasons.locale", "zh-CN"),
            f.layout,
            dir.resolve("out"),
            List.of("u2"));
    List<JsonNode> lines = JsonLines.readAll(result.recommendationsFile(), JsonNode.class);
    assertThat(result.users()).isEqualTo(1);
    assertThat(lines).isNotEmpty();
    lines.forEach(
        n -> {
          assertThat(n.get("userId").asText()).isEqualTo("u2");
          assertThat(n.get("locale").asText()).isEqualTo("zh-CN");
          assertThat(n.get("reason").asText()).containsPattern("\\p{IsHan}");
        });
  }

  @Test
  void requireFigureKeepsOnlyReasonsThatQuoteACoViewCount() {
    TinyFeatures f = new TinyFeatures(dir.resolve("features"));
    List<JsonNode> all =
        JsonLines.readAll(
            ReasonJob.run(
                    BatchEnvironments.local(),
                    f.config.with("reasons.top-k", "5"),
                    f.layout,
                    dir.resolve("all"),
                    null)
                .recommendationsFile(),
            JsonNode.class);
    List<JsonNode> figured =
        JsonLines.readAll(
            ReasonJob.run(
                    BatchEnvironments.local(),
                    f.config.with("reasons.top-k", "5").with("reasons.require-figure", "true"),
                    f.layout,
                    dir.resolve("figured"),
                    null)
                .recommendationsFile(),
            JsonNode.class);

    // the fixture has reasons of both kinds, so the flag must remove some and keep some
    assertThat(all).anyMatch(r -> !quotesCount(r));
    assertThat(figured)
        .isNotEmpty()
        .allMatch(ReasonJobTest::quotesCount)
        .hasSizeLessThan(all.size());
  }

  @Test
  void anyParallelismWritesTheSameRecommendationsInPartFiles() {
    TinyFeatures f = new TinyFeatures(dir.resolve("features"));
    ReasonJobResult one =
        ReasonJob.run(
            BatchEnvironments.local(1),
            f.config.with("reasons.top-k", "5"),
            f.layout,
            dir.resolve("p1"),
            null);
    ReasonJobResult two =
        ReasonJob.run(
            BatchEnvironments.local(2),
            f.config.with("reasons.top-k", "5"),
            f.layout,
            dir.resolve("p2"),
            null);
    ReasonJobResult three =
        ReasonJob.run(
            BatchEnvironments.local(3),
            f.config.with("reasons.top-k", "5"),
            f.layout,
            dir.resolve("p3"),
            null);

    assertThat(JsonLines.parts(one.recommendationsFile())).hasSize(1);
    assertThat(JsonLines.parts(three.recommendationsFile()))
        .hasSizeBetween(1, 2); // one per subtask with input
    List<JsonNode> expected = byShopperAndRank(one.recommendationsFile());
    assertThat(expected).isNotEmpty();
    assertThat(byShopperAndRank(two.recommendationsFile())).isEqualTo(expected);
    assertThat(byShopperAndRank(three.recommendationsFile())).isEqualTo(expected);
    assertThat(List.of(two.recommendations(), three.recommendations()))
        .containsOnly(one.recommendations());
    assertThat(three.users()).isEqualTo(one.users()).isEqualTo(2);
  }

  @Test
  void subtasksMapOneCoViewAndOneCatalogueFileInTheConfiguredCacheAndQuoteTheTablesFigures()
      throws Exception {
    TinyFeatures f = new TinyFeatures(dir.resolve("features"));
    Path cache = dir.resolve("store-cache");
    ReasonJobResult two =
        ReasonJob.run(
            BatchEnvironments.local(2),
            f.config.with("reasons.top-k", "5").with("reasons.store-cache-dir", cache.toString()),
            f.layout,
            dir.resolve("p2"),
            null);
    // both subtasks opened the table and the catalogue; one built each mapped form, the other
    // mapped those files, and the client's report mapped the catalogue's too
    try (var files = Files.list(cache)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bin")))
          .hasSize(2)
          .anyMatch(n -> n.startsWith("coviews-"))
          .anyMatch(n -> n.startsWith("items-"));
    }
    io.reasonflow.common.store.CoViewTable heap =
        io.reasonflow.common.store.CoViewTable.read(f.layout.coViews());
    List<JsonNode> lines = JsonLines.readAll(two.recommendationsFile(), JsonNode.class);
    assertThat(lines).isNotEmpty();
    int quoted = 0;
    for (JsonNode l : lines) {
      for (JsonNode a : l.get("evidence").get("anchors")) {
        if (a.hasNonNull("coViews")) {
          assertThat(a.get("coViews").get("value").asInt())
              .isEqualTo(heap.count(a.get("itemId").asText(), l.get("itemId").asText()));
          quoted++;
        }
      }
    }
    assertThat(quoted).isPositive();
  }

  @Test
  void aRerunReplacesThePreviousParts() {
    TinyFeatures f = new TinyFeatures(dir.resolve("features"));
    Path out = dir.resolve("out");
    ReasonJobResult first =
        ReasonJob.run(BatchEnvironments.local(2), f.config, f.layout, out, null);
    ReasonJobResult again =
        ReasonJob.run(BatchEnvironments.local(2), f.config, f.layout, out, null);
    assertThat(JsonLines.readAll(again.recommendationsFile(), JsonNode.class))
        .hasSize((int) first.recommendations());
  }

  /** Every recommendation line under {@code parts}, ordered by shopper, then rank. */
  public static List<JsonNode> byShopperAndRank(Path parts) {
    return JsonLines.readAll(parts, JsonNode.class).stream()
        .sorted(
            java.util.Comparator.comparing((JsonNode n) -> n.get("userId").asText())
                .thenComparingInt(n -> n.get("rank").asInt()))
        .toList();
  }

  private static boolean quotesCount(JsonNode r) {
    for (JsonNode c : r.get("claims")) {
      if (c.get("claim").asText().equals("CoViewCountClaim")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void unknownUserIsAUserError() {
    TinyFeatures f = new TinyFeatures(dir.resolve("features"));
    assertThatThrownBy(
            () ->
                ReasonJob.run(
                    BatchEnvironments.local(),
                    f.config,
                    f.layout,
                    dir.resolve("out"),
                    List.of("nobody")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("nobody");
  }
}
