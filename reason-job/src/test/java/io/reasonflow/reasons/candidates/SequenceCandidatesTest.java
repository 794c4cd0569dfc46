package io.reasonflow.reasons.candidates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.seqrec.SeqRecFile;
import io.reasonflow.common.seqrec.SeqRecScorer;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.reasons.EvidenceStores;
import io.reasonflow.reasons.evidence.ItemCatalog;
import io.reasonflow.reasons.evidence.PopularityScale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sequential model as a candidate source: a shopper's candidates follow the order of what they
 * viewed, and a missing or damaged model file stops the job with one line.
 *
 * <p>The model is made by hand: no attention blocks, so the hidden state is the layer norm of the
 * newest item's embedding (position embeddings 0, final norm gain 1, bias 0) and an item's score is
 * that state's dot product with the item's embedding. With A = (1,-1,0,0) and Y = (0,0,1,-1) (mean
 * 0, variance 1/2, so layer norm multiplies them by sqrt 2): after A, B = (.9,-.9,.1,-.1) scores
 * 1.8 sqrt 2 and Z = (.1,-.1,.9,-.9) 0.2 sqrt 2; after Y the other way round. Q = (2,-2,0,0) would
 * beat B after A, but is not in the catalogue.
 */
class SequenceCandidatesTest {
  private static final List<String> MODEL_ITEMS = List.of("A", "Y", "B", "Z", "Q");
  private static final float[][] EMB = {
    {0, 0, 0, 0}, // padding
    {1, -1, 0, 0}, // A
    {0, 0, 1, -1}, // Y
    {.9f, -.9f, .1f, -.1f}, // B: follows A
    {.1f, -.1f, .9f, -.9f}, // Z: follows Y
    {2, -2, 0, 0}, // Q: not in the catalogue
  };

  @TempDir Path dir;

  /** Same vector for every catalogue item: vector neighbours score B and Z alike. */
  private final ItemCatalog catalog =
      ItemCatalog.of(List.of(item("A"), item("Y"), item("B"), item("Z")));

  private final PopularityScale scale = new PopularityScale(new int[] {10, 10, 10, 10}, 0.95, 0.5);

  @Test
  void candidatesFollowTheOrderOfWhatTheShopperViewed() throws IOException {
    SeqRecScorer model = SeqRecScorer.load(writeModel(dir.resolve("m.bin")));
    UserProfile aLast = shopper("A", "Y"); // newest first: viewed Y, then A
    UserProfile yLast = shopper("Y", "A"); // viewed A, then Y

    CandidateGenerator plain = generator();
    // without the model both shoppers get the same list: B and Z tie, broken by id
    assertThat(plain.generate(aLast)).extracting(Candidate::itemId).containsExactly("B", "Z");
    assertThat(plain.generate(yLast)).extracting(Candidate::itemId).containsExactly("B", "Z");

    CandidateGenerator withModel = generator().withSequenceModel(model, 0.5);
    List<Candidate> afterA = withModel.generate(aLast);
    List<Candidate> afterY = withModel.generate(yLast);
    assertThat(afterA).extracting(Candidate::itemId).containsExactly("B", "Z");
    assertThat(afterY).extracting(Candidate::itemId).containsExactly("Z", "B");
    assertThat(afterY.get(0).via()).contains(CandidateGenerator.SEQUENCE);
    // blend: B's base 1.5/1.5 = 1; its softmax is the highest unseen in the catalogue -> 1
    assertThat(afterA.get(0).score()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    // weight 0 is the plain generator
    assertThat(generator().withSequenceModel(model, 0).generate(yLast))
        .extracting(Candidate::itemId)
        .containsExactly("B", "Z");
  }

  @Test
  void noModelFileInTheFeaturesDirectoryMeansNoModel() {
    assertThat(EvidenceStores.sequenceModel(new FeatureLayout(dir), "")).isNull();
  }

  @Test
  void theBackfillsOwnModelIsRead() throws IOException {
    FeatureLayout layout = new FeatureLayout(dir);
    writeModel(layout.seqrecModel());
    assertThat(EvidenceStores.sequenceModel(layout, "").itemIds()).isEqualTo(MODEL_ITEMS);
  }

  @Test
  void aNamedModelFileThatIsMissingIsOneLine() {
    Path missing = dir.resolve("nowhere.bin");
    assertThatThrownBy(
            () -> EvidenceStores.sequenceModel(new FeatureLayout(dir), missing.toString()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("reasons.candidates.sequence-model")
        .hasMessageContaining(missing.toString())
        .hasMessageNotContaining("\n");
  }

  @Test
  void damagedModelFilesAreOneLine() throws IOException {
    FeatureLayout layout = new FeatureLayout(dir);
    Files.writeString(layout.seqrecModel(), "not a model");
    assertThatThrownBy(() -> EvidenceStores.sequenceModel(layout, ""))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("not a sequential model file")
        .hasMessageNotContaining("\n");

    byte[] whole = Files.readAllBytes(writeModel(dir.resolve("whole.bin")));
    Files.write(layout.seqrecModel(), java.util.Arrays.copyOf(whole, whole.length - 7));
    assertThatThrownBy(() -> EvidenceStores.sequenceModel(layout, ""))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("cut short")
        .hasMessageNotContaining("\n");

    // a weight missing: a file of the right format that is not this network
    Map<String, SeqRecFile.Tensor> w = weights();
    w.remove("lnf_g");
    new SeqRecFile(4, 0, 4, "test", MODEL_ITEMS, w).write(layout.seqrecModel());
    assertThatThrownBy(() -> EvidenceStores.sequenceModel(layout, ""))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("lnf_g is missing")
        .hasMessageNotContaining("\n");
  }

  private CandidateGenerator generator() {
    return new CandidateGenerator(
        catalog, new BruteForceSimilarity(catalog), scale, new CandidateSettings(2, 5, 5, 1.0, 0));
  }

  private static Path writeModel(Path file) throws IOException {
    new SeqRecFile(4, 0, 4, "hand-made, see the class comment", MODEL_ITEMS, weights()).write(file);
    return file;
  }

  private static Map<String, SeqRecFile.Tensor> weights() {
    float[] emb = new float[EMB.length * 4];
    for (int r = 0; r < EMB.length; r++) {
      System.arraycopy(EMB[r], 0, emb, r * 4, 4);
    }
    Map<String, SeqRecFile.Tensor> w = new java.util.HashMap<>();
    w.put(SeqRecFile.EMB, new SeqRecFile.Tensor(new long[] {EMB.length, 4}, emb));
    w.put("posEmb", new SeqRecFile.Tensor(new long[] {4, 4}, new float[16]));
    w.put("lnf_g", new SeqRecFile.Tensor(new long[] {4}, new float[] {1, 1, 1, 1}));
    w.put("lnf_b", new SeqRecFile.Tensor(new long[] {4}, new float[4]));
    return w;
  }

  /** Newest first. */
  private static UserProfile shopper(String... recent) {
    return new UserProfile(
        "u",
        new float[2],
        1,
        java.util.Arrays.stream(recent).map(id -> new Anchor(id, EventType.VIEW, 1)).toList(),
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
