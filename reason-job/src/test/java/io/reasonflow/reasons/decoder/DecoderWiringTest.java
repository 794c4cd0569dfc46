package io.reasonflow.reasons.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.reasons.BatchEnvironments;
import io.reasonflow.reasons.ReasonJob;
import io.reasonflow.reasons.ReasonJobResult;
import io.reasonflow.reasons.ReasonJobTest;
import io.reasonflow.reasons.Recommendation;
import io.reasonflow.reasons.Recommender;
import io.reasonflow.reasons.candidates.BruteForceSimilarity;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reasons.realiser = decoder} end to end: the recommender and the Flink job pick the
 * verified decoder from configuration, refuse clearly without a model, batch shoppers without
 * changing what any of them gets, and count what the verifier loop did. The decoder is the small
 * test one; only the wiring is under test here.
 */
class DecoderWiringTest {
  @TempDir Path dir;
  private SyntheticWorld world;
  private FeatureLayout layout;
  private Path models;

  @BeforeEach
  void setUp() {
    world = new SyntheticWorld(31);
    layout = new FeatureLayout(dir.resolve("features"));
    world.writeTo(layout);
    models = dir.resolve("models");
    TrainedDecoders.get(ReasonLocale.EN).save(models);
  }

  private Config decoderConfig() {
    return Config.defaults()
        .with("reasons.realiser", "decoder")
        .with("decoder.model-dir", models.toString());
  }

  private Recommender recommender(Config c) {
    return Recommender.fromConfig(
        c,
        world.catalog,
        world.coViews,
        new BruteForceSimilarity(world.catalog),
        SyntheticWorld.USERS);
  }

  @Test
  void configurationChoosesTheTemplatesOrTheVerifiedDecoder() {
    Recommender template = recommender(Config.defaults());
    assertThat(template.realiserName()).isEqualTo("template");
    assertThat(template.recommend(world.users).stream().flatMap(List::stream))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.realiser()).isEqualTo("template"));

    Recommender decoder = recommender(decoderConfig());
    assertThat(decoder.realiserName()).isEqualTo(NeuralRealiser.NAME);
    List<List<Recommendation>> lists = decoder.recommend(world.users);
    // no sentence twice in a list, and the counts below are of what was emitted: the list turns
    // down a verified sentence it already has after the verifier loop offered it
    assertThat(lists)
        .allSatisfy(l -> assertThat(l).extracting(Recommendation::reason).doesNotHaveDuplicates());
    List<Recommendation> recs = lists.stream().flatMap(List::stream).toList();
    long byDecoder = recs.stream().filter(r -> r.realiser().equals(NeuralRealiser.NAME)).count();
    long byTemplate = recs.stream().filter(r -> r.realiser().equals("template")).count();
    assertThat(byDecoder + byTemplate).isEqualTo(recs.size());
    assertThat(byDecoder).isPositive().isEqualTo(decoder.decoderAccepted());
    assertThat(byTemplate).isEqualTo(decoder.templateFallbacks());
    assertThat(decoder.rejected()).isZero(); // the loop lets nothing unverified through
    // shoppers share evidence features, so most decodings are the memo's; the network ran once per
    // distinct key
    var memo = decoder.decoderMemoStats();
    assertThat(memo.hits()).isPositive().isGreaterThan(memo.misses());
    assertThat(memo.misses()).isEqualTo(memo.keys());
    assertThat(template.decoderMemoStats().hits() + template.decoderMemoStats().misses()).isZero();
    recs.stream()
        .filter(r -> r.realiser().equals(NeuralRealiser.NAME))
        .forEach(r -> assertThat(r.template()).startsWith(NeuralRealiser.NAME + ":"));
  }

  @Test
  void aMissingDecoderIsAUserErrorThatSaysWhichKeyAndHowToTrainOne() {
    Config unset = Config.defaults().with("reasons.realiser", "decoder");
    assertThatThrownBy(() -> recommender(unset))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("decoder.model-dir")
        .hasMessageContaining("./reasonflow train-decoder");

    Path empty = dir.resolve("no-models");
    Config missing = unset.with("decoder.model-dir", empty.toString());
    assertThatThrownBy(() -> recommender(missing))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("decoder.model-dir = " + empty)
        .hasMessageContaining("decoder.en.zip")
        .hasMessageContaining("./reasonflow train-decoder");

    // the en model is there, the zh-CN one is not
    Config zh = decoderConfig().with("reasons.locale", "zh-CN");
    assertThatThrownBy(() -> recommender(zh))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("zh-CN decoder");

    assertThatThrownBy(() -> recommender(Config.defaults().with("reasons.realiser", "neural")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("reasons.realiser");
  }

  @Test
  void batchingShoppersChangesNothingButSpeed() throws Exception {
    Recommender alone = recommender(decoderConfig());
    List<List<Recommendation>> oneByOne = world.users.stream().map(alone::recommend).toList();
    Recommender together = recommender(decoderConfig());
    List<List<Recommendation>> batched = together.recommend(world.users);

    assertThat(json(batched)).isEqualTo(json(oneByOne));
    assertThat(oneByOne.stream().mapToInt(List::size).sum()).isGreaterThan(SyntheticWorld.USERS);
    assertThat(together.decoderAccepted()).isEqualTo(alone.decoderAccepted());
    assertThat(together.rejectedBeams()).isEqualTo(alone.rejectedBeams());
    assertThat(together.templateFallbacks()).isEqualTo(alone.templateFallbacks());
  }

  @Test
  void theFlinkJobBuffersShoppersForTheDecoderAndReportsTheLoopsCounts() {
    ReasonJobResult single =
        ReasonJob.run(
            BatchEnvironments.local(),
            decoderConfig().with("reasons.batch.profiles", "1"),
            layout,
            dir.resolve("one"),
            null);
    ReasonJobResult buffered =
        ReasonJob.run(
            BatchEnvironments.local(),
            decoderConfig()
                .with("reasons.batch.profiles", "32")
                .with("reasons.batch.max-wait", "0ms"),
            layout,
            dir.resolve("batched"),
            null);

    // part files come in no particular order across subtasks: compare by shopper and rank
    List<JsonNode> a = ReasonJobTest.byShopperAndRank(single.recommendationsFile());
    List<JsonNode> b = ReasonJobTest.byShopperAndRank(buffered.recommendationsFile());
    assertThat(b).isNotEmpty().isEqualTo(a);
    for (ReasonJobResult r : List.of(single, buffered)) {
      assertThat(r.realiser()).isEqualTo(NeuralRealiser.NAME);
      assertThat(r.rejectedReasons()).isZero();
      assertThat(r.decoderAccepted()).isPositive();
      assertThat(r.decoderAccepted() + r.templateFallbacks()).isEqualTo(r.recommendations());
      assertThat(r.decoderAccepted())
          .isEqualTo(
              a.stream()
                  .filter(n -> n.get("realiser").asText().equals(NeuralRealiser.NAME))
                  .count());
    }
    assertThat(buffered.decoderBeamsRejected()).isEqualTo(single.decoderBeamsRejected());
    // the job's accumulators carry the memo's counts; batching changes how decodings are grouped,
    // not how many distinct feature keys the network had to decode
    assertThat(buffered.decoderMemoHits()).isPositive();
    assertThat(buffered.decoderMemoMisses()).isPositive().isEqualTo(single.decoderMemoMisses());
  }

  private static String json(Object o) throws Exception {
    return JsonLines.MAPPER.writeValueAsString(o);
  }
}
