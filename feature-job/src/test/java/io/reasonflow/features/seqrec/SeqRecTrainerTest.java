package io.reasonflow.features.seqrec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.seqrec.SeqRecFile;
import io.reasonflow.common.seqrec.SeqRecScorer;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains the sequential model on a small sample whose next item is fully determined by the order of
 * the history, so a model that learned from the sequence must rank it first, and a model that did
 * not (popularity: every item is equally common here) has a 1 in {@link #ITEMS} chance.
 */
class SeqRecTrainerTest {
  private static final int ITEMS = 40;

  /**
   * Scores written and read back as 32-bit floats: equal up to the last bits of a re-run forward
   * pass.
   */
  private static final double SCORE_EPS = 1e-4;

  /**
   * The plain-Java forward against the graph: the same arithmetic in another order and precision.
   */
  private static final double JAVA_VS_GRAPH_EPS = 1e-3;

  private static SeqRecTrainer.Result trained;
  private static List<String> ids;
  private static List<int[]> histories;

  @TempDir Path dir;

  /**
   * Sample: 600 shoppers, each walking the items in steps of +1 or +3 (mod 40) from a random start,
   * one step size per shopper, 4 to 12 items long. The next item follows from the last two: their
   * difference gives the step.
   */
  @BeforeAll
  static void train() {
    Random rnd = new Random(7);
    List<int[]> sequences = new ArrayList<>();
    for (int u = 0; u < 600; u++) {
      int step = rnd.nextBoolean() ? 1 : 3;
      int[] seq = new int[4 + rnd.nextInt(9)];
      seq[0] = rnd.nextInt(ITEMS);
      for (int t = 1; t < seq.length; t++) {
        seq[t] = (seq[t - 1] + step) % ITEMS;
      }
      sequences.add(seq);
    }
    ids = IntStream.range(0, ITEMS).mapToObj(i -> "item-" + i).toList();
    SeqRecSettings s = new SeqRecSettings(16, 1, 20, 0.1, 1e-2, 8, 256, 0, 42, 0);
    histories = new ArrayList<>();
    for (int u = 0; u < 100; u++) {
      int step = u % 2 == 0 ? 1 : 3;
      int start = (u * 7) % ITEMS;
      histories.add(new int[] {start, (start + step) % ITEMS, (start + 2 * step) % ITEMS});
    }
    trained =
        SeqRecTrainer.train(
            sequences, ids, s, m -> hitRate(m), line -> System.err.println("[test] " + line));
  }

  /** Share of held-out histories whose true next item scores highest. */
  private static double hitRate(SeqRecModel m) {
    float[][] scores = m.scoreIndices(histories);
    int hits = 0;
    for (int u = 0; u < histories.size(); u++) {
      int[] h = histories.get(u);
      int next = (2 * h[2] - h[1] + ITEMS) % ITEMS; // the same step again
      int best = 0;
      for (int c = 1; c < ITEMS; c++) {
        if (scores[u][c] > scores[u][best]) {
          best = c;
        }
      }
      hits += best == next ? 1 : 0;
    }
    return hits / (double) histories.size();
  }

  @Test
  void learnsTheOrderOfTheSequence() {
    assertThat(trained.epochs()).hasSize(8);
    assertThat(trained.epochs().getLast().loss()).isLessThan(trained.epochs().getFirst().loss());
    // chance is 1/40; the step needs the last two items in order, which only a sequence model sees
    assertThat(hitRate(trained.model())).isGreaterThan(0.8);
    assertThat(trained.epochs().get(trained.bestEpoch() - 1).validation())
        .isEqualTo(hitRate(trained.model()));
  }

  /**
   * A one-second budget stops a run of 100,000 epochs early (a gradient step through the graph
   * takes far more than the 10 microseconds an epoch would need to fit), and the kept epoch is one
   * that ran.
   */
  @Test
  void stopsAtTheTimeBudget() {
    SeqRecSettings s = new SeqRecSettings(8, 1, 20, 0.1, 1e-2, 100_000, 256, 0, 42, 1);
    SeqRecTrainer.Result r = SeqRecTrainer.train(histories, ids, s, m -> 0, line -> {});
    assertThat(r.stoppedByBudget()).isTrue();
    assertThat(r.epochs().size()).isBetween(1, 99_999);
    assertThat(r.bestEpoch()).isBetween(1, r.epochs().size());
    // no budget: every epoch runs, the last is kept without a validation function
    SeqRecTrainer.Result all =
        SeqRecTrainer.train(
            histories,
            ids,
            new SeqRecSettings(8, 1, 20, 0.1, 1e-2, 2, 256, 0, 42, 0),
            null,
            l -> {});
    assertThat(all.stoppedByBudget()).isFalse();
    assertThat(all.epochs()).hasSize(2);
    assertThat(all.bestEpoch()).isEqualTo(2);
  }

  @Test
  void oneShopperScoringInJavaMatchesTheGraph() {
    float[] byId =
        trained.model().score(List.of("item-5", "item-8", "item-11", "not-in-catalogue"));
    float[] byIndex = trained.model().scoreIndices(List.of(new int[] {5, 8, 11}))[0];
    assertThat(byId).hasSize(ITEMS);
    for (int c = 0; c < ITEMS; c++) {
      assertThat((double) byId[c])
          .isCloseTo(byIndex[c], org.assertj.core.data.Offset.offset(JAVA_VS_GRAPH_EPS));
    }
    assertThat(trained.model().score(List.of("unknown"))).containsOnly(0f);
    // longer than maxLength (20): both paths read the newest 20 only
    int[] longHistory = IntStream.range(0, 30).map(i -> (i * 3) % ITEMS).toArray();
    float[] java = trained.model().score(IntStream.of(longHistory).mapToObj(ids::get).toList());
    float[] graph = trained.model().scoreIndices(List.of(longHistory))[0];
    for (int c = 0; c < ITEMS; c++) {
      assertThat((double) java[c])
          .isCloseTo(graph[c], org.assertj.core.data.Offset.offset(JAVA_VS_GRAPH_EPS));
    }
  }

  @Test
  void savedModelScoresAsTheTrainedOne() throws IOException {
    Path file = dir.resolve("seqrec.bin");
    trained.model().save(file);
    SeqRecModel loaded = SeqRecModel.load(file, trained.model().settings());
    assertThat(loaded.itemIds()).isEqualTo(ids);
    assertThat(loaded.settings()).isEqualTo(trained.model().settings());
    float[][] a = trained.model().scoreIndices(histories);
    float[][] b = loaded.scoreIndices(histories);
    for (int u = 0; u < a.length; u++) {
      for (int c = 0; c < ITEMS; c++) {
        assertThat((double) b[u][c])
            .isCloseTo(a[u][c], org.assertj.core.data.Offset.offset(SCORE_EPS));
      }
    }
  }

  /** The reason job's reader: plain weights, no ND4J, the same scores. */
  @Test
  void plainReaderScoresAsTheTrainedModel() throws IOException {
    Path file = dir.resolve("seqrec.bin");
    trained.model().save(file);
    SeqRecScorer plain = SeqRecScorer.load(file);
    assertThat(plain.itemIds()).isEqualTo(ids);
    float[] a = trained.model().score(List.of("item-5", "item-8", "item-11"));
    float[] b = plain.score(List.of("item-5", "item-8", "item-11"));
    for (int c = 0; c < ITEMS; c++) {
      assertThat((double) b[c]).isCloseTo(a[c], org.assertj.core.data.Offset.offset(SCORE_EPS));
    }
  }

  @Test
  void refusesAnotherFormatVersionAndOtherFiles() throws IOException {
    Path future = dir.resolve("future.bin");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(future))) {
      out.writeUTF("reasonflow-seqrec");
      out.writeInt(SeqRecFile.FORMAT_VERSION + 1);
    }
    assertThatThrownBy(() -> SeqRecModel.load(future, SeqRecSettings.DEFAULTS))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("format version " + (SeqRecFile.FORMAT_VERSION + 1))
        .hasMessageContaining("retrain");
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "hello");
    assertThatThrownBy(() -> SeqRecModel.load(text, SeqRecSettings.DEFAULTS))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a sequential model file");
  }

  @Test
  void defaultsAreTheReferenceFile() {
    assertThat(SeqRecSettings.from(io.reasonflow.common.config.Config.defaults()))
        .isEqualTo(SeqRecSettings.DEFAULTS);
  }

  @Test
  void settingsAreRangeChecked() {
    assertThatThrownBy(() -> new SeqRecSettings(16, 1, 20, 1.0, 1e-2, 1, 256, 0, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dropout");
    assertThatThrownBy(
            () ->
                SeqRecTrainer.train(
                    List.<int[]>of(new int[] {0, 5}),
                    List.of("a", "b"),
                    SeqRecSettings.DEFAULTS,
                    null,
                    l -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("item index 5");
  }
}
