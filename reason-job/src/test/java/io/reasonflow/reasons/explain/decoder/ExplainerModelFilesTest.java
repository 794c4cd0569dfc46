package io.reasonflow.reasons.explain.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reasonflow.common.UserError;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stored files: the ablation variant beside the full model, and refusals that say the fix. */
class ExplainerModelFilesTest {
  @TempDir Path dir;

  @Test
  void theNoNeighboursModelReadsOnlyTheOwnFactsAndIsStoredBesideTheFullOne() {
    ExplainerModel off =
        ExplainerTrainer.train(
            TinyExamples.tinyConfig(false, 2), TinyExamples.learnable(), dir, l -> {});
    ExplainerModel on =
        ExplainerTrainer.train(
            TinyExamples.tinyConfig(true, 2), TinyExamples.learnable(), dir, l -> {});
    assertEquals(1, off.condition().roles());
    assertEquals(3, on.condition().roles());
    assertTrue(Files.isRegularFile(dir.resolve("explainer.en.no-neighbours.zip")));
    assertTrue(Files.isRegularFile(dir.resolve("loss.explainer.en.no-neighbours.png")));
    assertEquals(
        3, DecoderExplanationGenerator.variants(dir, ReasonLocale.EN).size(), "three variants");
    // the ablation ignores the neighbours: changing them changes nothing it reads
    var e = TinyExamples.learnable().getFirst();
    var moved =
        new io.reasonflow.reasons.explain.ExplanationExample(
            e.reviewId(),
            e.userId(),
            e.itemId(),
            e.rating(),
            e.sentence(),
            e.features(),
            e.opinions(),
            e.productType(),
            e.attributes(),
            java.util.List.of(),
            e.split());
    assertEquals(
        java.util.Arrays.toString(off.condition().encode(e)),
        java.util.Arrays.toString(off.condition().encode(moved)));
  }

  @Test
  void aWrongFormatVersionIsRefusedWithTheFix() throws Exception {
    ExplainerTrainer.train(
        TinyExamples.tinyConfig(true, 1), TinyExamples.learnable(), dir, l -> {});
    Path meta = ExplainerModel.metadataFile(dir, ReasonLocale.EN, true);
    Files.writeString(
        meta,
        Files.readString(meta)
            .replace(
                "\"formatVersion\" : " + ExplainerModel.FORMAT_VERSION, "\"formatVersion\" : 99"));
    UserError e =
        assertThrows(UserError.class, () -> ExplainerModel.load(dir, ReasonLocale.EN, true));
    assertTrue(e.getMessage().contains("format 99"), e.getMessage());
    assertTrue(e.getMessage().contains("train-explainer"), e.getMessage());
  }

  @Test
  void aMissingModelNamesTheFilesAndTheCommand() {
    UserError e =
        assertThrows(UserError.class, () -> ExplainerModel.load(dir, ReasonLocale.ZH_CN, false));
    assertTrue(e.getMessage().contains("explainer.zh-CN.no-neighbours.zip"), e.getMessage());
    assertTrue(e.getMessage().contains("--no-neighbours"), e.getMessage());
  }
}
