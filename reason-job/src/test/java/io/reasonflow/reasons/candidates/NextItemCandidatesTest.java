package io.reasonflow.reasons.candidates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.seqrec.NextItemFile;
import io.reasonflow.common.seqrec.NextItemScorer;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.reasons.EvidenceStores;
import io.reasonflow.reasons.evidence.ItemCatalog;
import io.reasonflow.reasons.evidence.PopularityScale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The next-item model (linear + sequential kNN) as a candidate source: a shopper's candidates
 * follow what they viewed last, and a damaged model file stops the job with one line.
 *
 * <p>Hand model, window 1: the linear rows are A -> {Q: 5, B: 1} and Y -> {Z: 1}; the kNN rows are
 * empty, and the blend takes the linear model alone (kNN weight 0). Q would win after A but is not
 * in the catalogue. Every catalogue item has the same vector, so the vector neighbours score B and
 * Z alike and without the model both shoppers get B, Z (tie broken by id). With the model at weight
 * 0.5, after A: B = 0.5 x 1 + 0.5 x 1/1 = 1 (the best next-item score in the pool, Q not being in
 * it), Z = 0.5; after Y the other way round.
 */
class NextItemCandidatesTest {
  private static final List<String> MODEL_ITEMS = List.of("A", "Y", "B", "Z", "Q");
  private static final NextItemScorer.Blend LINEAR_ONLY = new NextItemScorer.Blend(0, 0.5);

  @TempDir Path dir;

  private final ItemCatalog catalog =
      ItemCatalog.of(List.of(item("A"), item("Y"), item("B"), item("Z")));

  private final PopularityScale scale = new PopularityScale(new int[] {10, 10, 10, 10}, 0.95, 0.5);

  @Test
  void candidatesFollowWhatTheShopperViewedLast() throws IOException {
    NextItemScorer model = NextItemScorer.load(writeModel(dir.resolve("m.bin")));
    UserProfile aLast = shopper("A", "Y"); // newest first: viewed Y, then A
    UserProfile yLast = shopper("Y", "A");

    CandidateGenerator plain = generator();
    assertThat(plain.generate(aLast)).extracting(Candidate::itemId).containsExactly("B", "Z");
    assertThat(plain.generate(yLast)).extracting(Candidate::itemId).containsExactly("B", "Z");

    CandidateGenerator withModel = generator().withNextItemModel(model, 0.5, LINEAR_ONLY);
    List<Candidate> afterA = withModel.generate(aLast);
    List<Candidate> afterY = withModel.generate(yLast);
    assertThat(afterA).extracting(Candidate::itemId).containsExactly("B", "Z");
    assertThat(afterY).extracting(Candidate::itemId).containsExactly("Z", "B");
    assertThat(afterY.get(0).via()).contains(CandidateGenerator.NEXT_ITEM);
    assertThat(afterA.get(0).score()).isCloseTo(1.0, within(1e-9));
    assertThat(afterA.get(1).score()).isCloseTo(0.5, within(1e-9));
    assertThat(afterA).extracting(Candidate::itemId).doesNotContain("Q");
    // weight 0 is the plain generator
    assertThat(generator().withNextItemModel(model, 0, LINEAR_ONLY).generate(yLast))
        .extracting(Candidate::itemId)
        .containsExactly("B", "Z");
  }

  @Test
  void noModelFileInTheFeaturesDirectoryMeansNoModel() {
    assertThat(EvidenceStores.nextItemModel(new FeatureLayout(dir))).isNull();
  }

  @Test
  void theBackfillsOwnModelIsRead() throws IOException {
    FeatureLayout layout = new FeatureLayout(dir);
    writeModel(layout.nextItemModel());
    assertThat(EvidenceStores.nextItemModel(layout).itemIds()).isEqualTo(MODEL_ITEMS);
  }

  @Test
  void damagedModelFilesAreOneLine() throws IOException {
    FeatureLayout layout = new FeatureLayout(dir);
    Files.writeString(layout.nextItemModel(), "not a model");
    assertThatThrownBy(() -> EvidenceStores.nextItemModel(layout))
        .isInstanceOf(UserError.class)
        .hasMessageContaining(layout.nextItemModel().toString())
        .hasMessageContaining("not a next-item model file")
        .hasMessageContaining("features.linear-next.enabled")
        .hasMessageNotContaining("\n");

    byte[] whole = Files.readAllBytes(writeModel(dir.resolve("whole.bin")));
    Files.write(layout.nextItemModel(), Arrays.copyOf(whole, whole.length - 5));
    assertThatThrownBy(() -> EvidenceStores.nextItemModel(layout))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("cut short")
        .hasMessageNotContaining("\n");
  }

  private CandidateGenerator generator() {
    return new CandidateGenerator(
        catalog, new BruteForceSimilarity(catalog), scale, new CandidateSettings(2, 5, 5, 1.0, 0));
  }

  private static Path writeModel(Path file) throws IOException {
    int[][] none = {{}, {}, {}, {}, {}};
    float[][] noWeights = {{}, {}, {}, {}, {}};
    new NextItemFile(
            "hand-made, see the class comment",
            1,
            1,
            MODEL_ITEMS,
            new NextItemFile.Table(
                new int[][] {{4, 2}, {3}, {}, {}, {}}, new float[][] {{5, 1}, {1}, {}, {}, {}}),
            new NextItemFile.Table(none, noWeights))
        .write(file);
    return file;
  }

  /** Newest first. */
  private static UserProfile shopper(String... recent) {
    return new UserProfile(
        "u",
        new float[2],
        1,
        Arrays.stream(recent).map(id -> new Anchor(id, EventType.VIEW, 1)).toList(),
        List.of(recent),
        1,
        1);
  }

  private static ItemFeatures item(String id) {
    return new ItemFeatures(
        Item.ofTitle(id, "item " + id),
        new float[] {1, 0},
        1,
        ItemFeatures.VectorSource.BEHAVIOUR,
        10,
        List.of());
  }
}
