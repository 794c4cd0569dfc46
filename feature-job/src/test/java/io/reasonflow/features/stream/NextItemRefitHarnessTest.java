package io.reasonflow.features.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.seqrec.NextItemFile;
import io.reasonflow.common.seqrec.NextItemScorer;
import io.reasonflow.features.core.FeatureSettings.SequenceMode;
import io.reasonflow.features.testing.OperatorMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The next-item refit of {@link RetrainItemModel} under Flink's operator harness, with real files:
 * after each item2vec training the model is refitted on the same corpus and published where the
 * reason job reads it; its transitions are the streamed ones; a restored operator refits on the
 * corpus from before the restore; a refit that cannot be published is counted and the job goes on.
 *
 * <p>Sessions are each one shopper's, in {@code user} sequence mode: a shopper's sessions join into
 * one sequence. Linear window 2, l2 1, so a handful of positions decide the ranking: with a -> b
 * streamed three times and nothing else following a, b must be a's top next item; a scorer that
 * ignored the streamed order would rank a's followers no differently from its predecessors.
 */
class NextItemRefitHarnessTest {
  /** The blend the reason job uses by default (0.3 kNN, 0.7 linear). */
  static final NextItemScorer.Blend BLEND = new NextItemScorer.Blend(0.3, 0.3);

  @TempDir Path dir;

  StreamSettings settings(Path target, String mode) {
    return BuildItemFeaturesHarnessTest.settings(
        "features.item2vec.dim", "4",
        "features.item2vec.epochs", "1",
        "features.item2vec.window", "2",
        "features.item2vec.subsampling", "0",
        "features.item2vec.sequence", mode,
        "features.stream.retrain.every-sessions", "3",
        "features.stream.retrain.every", "0ms",
        "features.stream.retrain.corpus-sessions", "50",
        "features.stream.model-dir", dir.resolve("models").toString(),
        "features.linear-next.enabled", "true",
        "features.linear-next.window", "2",
        "features.linear-next.l2", "1",
        "features.linear-next.keep", "10",
        "features.stream.next-item-model", target.toString());
  }

  static AbstractStreamOperatorTestHarness<ModelRef> harness(
      StreamSettings s, OperatorMetrics metrics) throws Exception {
    var h =
        new AbstractStreamOperatorTestHarness<ModelRef>(
            new RetrainItemModel.Factory(s), metrics.environment());
    h.setup();
    return h;
  }

  static void send(
      AbstractStreamOperatorTestHarness<ModelRef> h, String user, long t, String... items)
      throws Exception {
    RetrainCorpusHarnessTest.op(h)
        .processElement1(new StreamRecord<>(new SessionItems(user, t, List.of(items))));
  }

  /** Runs the item2vec model's hand-back, then the refit's, as the task thread would. */
  static void awaitTrainingAndRefit(AbstractStreamOperatorTestHarness<ModelRef> h)
      throws Exception {
    RetrainCorpusHarnessTest.awaitTraining(h);
    RetrainCorpusHarnessTest.awaitTraining(h);
  }

  /** The item the published model ranks first after {@code history}. */
  static String top(Path file, String... history) throws Exception {
    NextItemScorer m = NextItemScorer.load(file);
    double[] scores = m.score(List.of(history), BLEND);
    int best = 0;
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] > scores[best]) {
        best = i;
      }
    }
    assertThat(scores[best]).as("some item follows %s", List.of(history)).isPositive();
    return m.itemIds().get(best);
  }

  static List<String> leftAside(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
    }
  }

  @Test
  void eachTrainingRefitsTheNextItemModelOnTheStreamedSequencesAcrossARestore() throws Exception {
    Path out = Files.createDirectories(dir.resolve("backfill"));
    Path target = out.resolve(NextItemFile.FILE_NAME);
    // the backfill's model, before any refit: after a, c
    new NextItemFile(
            "backfill",
            2,
            0.9,
            List.of("a", "c"),
            new NextItemFile.Table(new int[][] {{1}, {}}, new float[][] {{1}, {}}),
            new NextItemFile.Table(new int[][] {{1}, {}}, new float[][] {{1}, {}}))
        .write(target);
    assertThat(top(target, "a")).isEqualTo("c");
    StreamSettings s = settings(target, "user");
    assertThat(s.refitNextItem()).isTrue();
    OperatorMetrics metrics = new OperatorMetrics();
    OperatorSubtaskState snapshot;
    try (var h = harness(s, metrics)) {
      h.open();
      RetrainCorpusHarnessTest.op(h)
          .processElement2(
              new StreamRecord<>(TestModels.publish(RetrainCorpusHarnessTest.initial())));
      send(h, "u1", 1000, "a", "b");
      send(h, "u2", 1000, "a", "b");
      send(h, "u3", 1000, "a", "b");
      awaitTrainingAndRefit(h);
      assertThat(h.extractOutputValues()).extracting(ModelRef::version).containsExactly(2L);
      assertThat(metrics.count("nextItemModelsPublished")).isEqualTo(1);
      assertThat(metrics.gauge("nextItemModelVersion")).isEqualTo(2L);
      assertThat(NextItemFile.read(target).trainedWith())
          .startsWith("streaming refit v2 on the recent sequences of 3 shoppers");
      assertThat(top(target, "a"))
          .as("the streamed a -> b replaced the backfill's a -> c")
          .isEqualTo("b");
      assertThat(leftAside(out)).as("nothing written aside is left").isEmpty();

      send(h, "u4", 1000, "e", "f"); // in the corpus since the last training: state, not the file
      snapshot = h.snapshot(1, 1);
    }

    // restored: u1's next session joins their sequence from before the restore (a, b, then c)
    try (var h = harness(s, new OperatorMetrics())) {
      h.initializeState(snapshot);
      h.open();
      send(h, "u1", 5000, "c");
      send(h, "u5", 5000, "e", "f");
      awaitTrainingAndRefit(h);
      assertThat(h.extractOutputValues()).extracting(ModelRef::version).containsExactly(3L);
      NextItemFile v3 = NextItemFile.read(target);
      assertThat(v3.trainedWith())
          .as("u1-u5, restored from the corpus file and the state since it")
          .startsWith("streaming refit v3 on the recent sequences of 5 shoppers");
      assertThat(v3.itemIds()).contains("e", "f");
      assertThat(top(target, "a")).isEqualTo("b");
      assertThat(top(target, "e")).isEqualTo("f");
      // only u1's sequence across the restore has b -> c; without it b would have no follower, and
      // the kNN's backward weight would rank a first
      assertThat(top(target, "b")).isEqualTo("c");
    }
  }

  @Test
  void aRefitThatCannotBePublishedIsCountedAndTheJobGoesOn() throws Exception {
    // a directory where the file should be: the rename onto it fails
    Path target = Files.createDirectories(dir.resolve("out").resolve(NextItemFile.FILE_NAME));
    Files.writeString(target.resolve("keep"), "untouched");
    OperatorMetrics metrics = new OperatorMetrics();
    try (var h = harness(settings(target, "user"), metrics)) {
      h.open();
      RetrainCorpusHarnessTest.op(h)
          .processElement2(
              new StreamRecord<>(TestModels.publish(RetrainCorpusHarnessTest.initial())));
      for (int n = 0; n < 3; n++) {
        send(h, "u" + n, 1000, "a", "b");
      }
      awaitTrainingAndRefit(h);
      assertThat(metrics.count("nextItemRefitsFailed")).isEqualTo(1);
      assertThat(metrics.count("nextItemModelsPublished")).isZero();
      assertThat(target.resolve("keep")).hasContent("untouched");
      assertThat(leftAside(target.getParent())).isEmpty();
      // item2vec goes on: the model was emitted, and the next training (and refit) runs
      for (int n = 3; n < 6; n++) {
        send(h, "u" + n, 1000, "a", "b");
      }
      awaitTrainingAndRefit(h);
      assertThat(h.extractOutputValues()).extracting(ModelRef::version).containsExactly(2L, 3L);
      assertThat(metrics.count("nextItemRefitsFailed")).isEqualTo(2);
    }
  }

  /**
   * In session mode the corpus holds sessions; the refit joins each shopper's in start order (the
   * corpus order may differ), collapsing a repeat across the boundary, and keeps the newest {@code
   * cap} items.
   */
  @Test
  void sessionModeJoinsEachShoppersSessionsInTimeOrder() {
    List<String[]> entries =
        List.of(
            new String[] {"u1\t2000", "c", "d"},
            new String[] {"u2\t1000", "x", "y"},
            new String[] {"u1\t1000", "a", "c"},
            new String[] {"u1\t3000", "e"});
    assertThat(NextItemRefit.shopperSequences(entries, SequenceMode.SESSION, 10))
        .containsExactly(List.of("a", "c", "d", "e"), List.of("x", "y"));
    assertThat(NextItemRefit.shopperSequences(entries, SequenceMode.SESSION, 3))
        .containsExactly(List.of("c", "d", "e"), List.of("x", "y"));
    assertThat(NextItemRefit.shopperSequences(entries.subList(1, 2), SequenceMode.USER, 10))
        .containsExactly(List.of("x", "y"));
  }
}
