package io.reasonflow.reasons.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.reasons.evidence.PopularityBucket;
import io.reasonflow.reasons.evidence.Relation;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecoderTrainerTest {
  @TempDir Path dir;

  private static final List<AnchorFacts> FACTS =
      List.of(
          new AnchorFacts(
              true, false, false, Relation.COMPLEMENT, PopularityBucket.BEST_SELLER, 12, 8, 0.4),
          new AnchorFacts(
              false, true, true, Relation.SUBSTITUTE, PopularityBucket.POPULAR, 0, 0, 0.95),
          new AnchorFacts(
              false, false, false, Relation.RELATED, PopularityBucket.HIDDEN_GEM, 0, 0, 0.1));

  @Test
  void aShortRunLowersTheLossReportsProgressAndRoundTripsThroughItsFiles() throws Exception {
    List<String> log = new ArrayList<>();
    DecoderModel trained =
        DecoderTrainer.train(
            TrainedDecoders.config(ReasonLocale.EN, 3),
            ReasonBank.shipped(ReasonLocale.EN),
            "reason-bank/en.tsv",
            dir,
            log::add);

    List<Double> loss = trained.metadata().trainLoss();
    assertThat(loss).hasSize(3);
    assertThat(loss.getLast()).isLessThan(loss.getFirst() * 0.9);
    assertThat(trained.metadata().heldOutLoss().getLast())
        .isLessThan(trained.metadata().heldOutLoss().getFirst());
    assertThat(trained.metadata().heldOutPerplexity()).isFinite().isGreaterThan(1);
    assertThat(String.join("\n", log))
        .contains("epoch 3/3", "tokens/s", "ETA", "held-out perplexity");
    assertThat(DecoderModel.networkFile(dir, ReasonLocale.EN)).isRegularFile();
    assertThat(DecoderModel.metadataFile(dir, ReasonLocale.EN)).isRegularFile();
    byte[] png = Files.readAllBytes(dir.resolve("loss.en.png"));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');

    DecoderModel loaded = DecoderModel.load(dir, ReasonLocale.EN);
    assertThat(loaded.metadata().vocabulary()).isEqualTo(trained.metadata().vocabulary());
    assertThat(loaded.metadata().formatVersion()).isEqualTo(DecoderModel.FORMAT_VERSION);
    DecodingSettings settings = new DecodingSettings(4, 48, 0.7, 1);
    List<List<Hypothesis>> before = new ConstrainedBeamSearch(trained, settings).decode(FACTS);
    List<List<Hypothesis>> after = new ConstrainedBeamSearch(loaded, settings).decode(FACTS);
    assertThat(after).isEqualTo(before);
    assertThat(before).allSatisfy(h -> assertThat(h).isNotEmpty());
    // decoding again gives the same beams: the RNN state is cleared before every batch
    assertThat(new ConstrainedBeamSearch(loaded, settings).decode(FACTS)).isEqualTo(after);
  }

  @Test
  void theSameSeedTrainsTheSameModel() {
    DecoderTrainingConfig c = TrainedDecoders.config(ReasonLocale.ZH_CN, 1);
    ReasonBank bank = ReasonBank.shipped(ReasonLocale.ZH_CN);
    DecoderModel a = DecoderTrainer.train(c, bank, "zh", null, line -> {});
    DecoderModel b = DecoderTrainer.train(c, bank, "zh", null, line -> {});
    assertThat(a.metadata().trainLoss()).isEqualTo(b.metadata().trainLoss());
    assertThat(a.network().params()).isEqualTo(b.network().params());
  }
}
