package io.reasonflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.CatalogueFile;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.features.FeatureRunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's promise, checked on its real output: at least three shoppers get a top-5, and every
 * reason names an item that shopper really interacted with and a co-view figure that {@link
 * RawEventOracle} recounts from the raw sample. An ITCase (failsafe) because it runs the whole
 * demo, a local Flink job included; the run is {@link DemoRun}'s, shared with {@link
 * ShopPagesITCase}.
 */
class DemoAcceptanceITCase {
  static Path sample;
  static Path out;
  static Config config;
  static DemoCommand.DemoResult result;
  static String console;

  @BeforeAll
  static void runDemo() {
    DemoRun demo = DemoRun.get();
    sample = demo.sample;
    out = demo.out;
    config = demo.config;
    result = demo.result;
    console = demo.console;
  }

  @Test
  void everyReasonNamesTheShoppersOwnItemAndACoViewFigureThatTheRawEventsConfirm() {
    RawEventOracle oracle =
        new RawEventOracle(
            sample.resolve("events.tsv.gz"),
            config.duration("features.session.gap").toMillis(),
            config.integer("features.session.max-items", 1, 100_000));
    int minShoppers = config.integer("reasons.privacy.min-shoppers", 1, 1000);
    Map<String, List<JsonNode>> byUser = new LinkedHashMap<>();
    JsonLines.forEach(
        result.recommendationsFile(),
        JsonNode.class,
        r -> byUser.computeIfAbsent(r.get("userId").asText(), k -> new ArrayList<>()).add(r));

    assertThat(byUser).hasSizeGreaterThanOrEqualTo(3);
    // At most the top 5, and not always 5: a candidate is kept only when its reason can quote a
    // verified co-view figure (reasons.require-figure), and the candidates come from item2vec
    // neighbours. Those are repeatable on one machine now (a fixed corpus order and one skip-gram
    // worker, docs/scaling.md), but not across CPUs: ND4J's native kernels may round differently,
    // and ten epochs of skip-gram carry that into other neighbours. When the order still varied,
    // one shopper of this sample got 5, 4 and 1 in three runs of one tree, so another machine may
    // move a list as much. What is guaranteed everywhere: every shopper listed has at least one,
    // none more than five, and every figure below is recounted from raw events.
    assertThat(byUser.values()).allSatisfy(recs -> assertThat(recs).hasSizeBetween(1, 5));
    // no sentence twice in one shopper's list, in any language (a demo told two different items "6
    // other shoppers reviewed both this and the Jergens body butter you reviewed.")
    for (List<JsonNode> recs : byUser.values()) {
      assertThat(recs).extracting(r -> r.get("reason").asText()).doesNotHaveDuplicates();
      List<String> further = new ArrayList<>();
      recs.forEach(
          r ->
              r.path("otherLocales")
                  .fields()
                  .forEachRemaining(
                      l -> further.add(l.getKey() + ": " + l.getValue().path("reason").asText())));
      assertThat(further).doesNotHaveDuplicates();
    }
    int checked = 0;
    for (List<JsonNode> recs : byUser.values()) {
      for (JsonNode r : recs) {
        String user = r.get("userId").asText();
        String candidate = r.get("itemId").asText();
        assertThat(oracle.interacted(user, candidate))
            .as("%s is recommended an item already seen", user)
            .isFalse();
        JsonNode anchor = claim(r, "AnchorClaim");
        JsonNode count = claim(r, "CoViewCountClaim");
        assertThat(anchor).as("reason %s names an anchor", r.get("reason")).isNotNull();
        assertThat(count).as("reason %s quotes a figure", r.get("reason")).isNotNull();
        String anchorId = anchor.get("itemId").asText();
        assertThat(oracle.interacted(user, anchorId))
            .as("%s interacted with anchor %s", user, anchorId)
            .isTrue();
        assertThat(count.get("anchorId").asText()).isEqualTo(anchorId);
        int quoted = count.get("count").asInt();
        assertThat(quoted)
            .as("figure for %s~%s", anchorId, candidate)
            .isEqualTo(oracle.coViewShoppers(anchorId, candidate))
            .isGreaterThanOrEqualTo(minShoppers);
        assertThat(r.get("reason").asText())
            .contains(count.get("rendered").asText())
            .contains(anchor.get("rendered").asText());
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(15);
  }

  @Test
  void consoleAndReportShowEachShoppersTopFive() throws Exception {
    assertThat(console)
        .contains("[1/4] feature job", "[2/4] index", "[3/4] reasons", "[4/4] report", "done in");
    // the feature job's figures once, under its own stage (they came after "[2/4] index" and again
    // in a done line)
    assertThat(console.indexOf("flink job:"))
        .isGreaterThan(console.indexOf("[1/4]"))
        .isLessThan(console.indexOf("[2/4]"));
    // and an operator's progress, logged on a Flink task thread (TrainItem2Vec), indented under the
    // same stage
    assertThat(console.indexOf("      item2vec: training on"))
        .isGreaterThan(console.indexOf("[1/4]"))
        .isLessThan(console.indexOf("[2/4]"));
    assertThat(console.split("co-view pairs", -1)).hasSize(2);
    assertThat(console.split("dead letters", -1)).hasSize(2);
    String html = Files.readString(result.reasons().reportFile());
    assertThat(result.reasons().reportFile()).isEqualTo(out.resolve("report.html"));
    JsonLines.forEach(
        result.recommendationsFile(),
        JsonNode.class,
        r -> {
          assertThat(console).contains("shopper " + r.get("userId").asText());
          assertThat(html).contains(r.get("userId").asText());
        });
    // a proposal the verifier turns down is replaced by the next and counted; with the composed
    // figure sentences the template realiser words more product types, and the verifier's own
    // reading of a title may turn one down (LargeSampleVerificationTest pins that this is the only
    // kind of template proposal it rejects). The count is reported, not hidden
    assertThat(console)
        .contains(result.reasons().rejectedReasons() + " reasons rejected by the verifier");
  }

  /**
   * The demo's feature stage runs the backfill over the whole Amazon Beauty 2014 set (the bundled
   * sample is the shared data set, byte for byte): every item with events gets an item2vec vector,
   * every shopper a profile, and nothing is rejected. The counts are the data's, whatever the
   * demo's session gap (item2vec's sequences are per shopper, and every item has events); co-view
   * pairs, which the gap does change, are checked against the table. Until the suite was made
   * faster this was BeautyDataTest's own run of the same job over the same data.
   */
  @Test
  void featureStageGivesEveryItemWithEventsAVectorAndEveryShopperAProfile() throws Exception {
    FeatureLayout layout = result.layout();
    FeatureRunSummary s =
        JsonLines.MAPPER.readValue(layout.summary().toFile(), FeatureRunSummary.class);
    assertThat(s.deadLetters()).isZero();
    assertThat(s.users()).isEqualTo(22_363);
    Set<String> withVector = new HashSet<>();
    JsonLines.forEach(
        layout.items(),
        ItemFeatures.class,
        f -> {
          assertThat(f.vectorSource()).isEqualTo(ItemFeatures.VectorSource.BEHAVIOUR);
          withVector.add(f.id());
        });
    assertThat(withVector).hasSize(12_101);
    assertThat(s.items()).isEqualTo(12_101);
    long[] profiles = {0};
    JsonLines.forEach(layout.profiles(), UserProfile.class, p -> profiles[0]++);
    assertThat(profiles[0]).isEqualTo(22_363);
    assertThat(CoViewTable.read(layout.coViews()).pairs()).isEqualTo((int) s.coViewPairs());
  }

  /**
   * The reason job's tasks read the catalogue through its memory-mapped form: every one of the
   * demo's 12,101 real items must come back from it exactly as the feature job wrote it.
   */
  @Test
  void theMappedCatalogueGivesBackEveryItemTheFeatureJobWrote(@TempDir Path cache)
      throws Exception {
    FeatureLayout layout = result.layout();
    CatalogueFile mapped = CatalogueFile.open(layout.items(), cache);
    List<ItemFeatures> written = JsonLines.readAll(layout.items(), ItemFeatures.class);
    assertThat(mapped.size()).isEqualTo(written.size()).isEqualTo(12_101);
    for (ItemFeatures f : written) {
      assertThat(mapped.get(f.id())).as(f.id()).contains(f);
    }
  }

  private static JsonNode claim(JsonNode rec, String kind) {
    for (JsonNode c : rec.get("claims")) {
      if (c.get("claim").asText().equals(kind)) {
        return c;
      }
    }
    return null;
  }
}
