package io.reasonflow.features.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.Item;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link RetrainItemModel} under Flink's operator harness, its corpus and model through a
 * snapshot/restore: each training spills the corpus it trains on to a file, the checkpoint holds
 * that file, the sequences since and the model's reference, and a restored operator trains on the
 * same corpus as one that never stopped (observed through the corpus file of its next training).
 */
class RetrainCorpusHarnessTest {
  static final String[] ITEMS = {"a", "b", "c", "d", "e", "f"};

  static StreamSettings settings(String modelDir) {
    return BuildItemFeaturesHarnessTest.settings(
        "features.item2vec.dim", "4",
        "features.item2vec.epochs", "1",
        "features.item2vec.window", "2",
        "features.item2vec.subsampling", "0",
        "features.item2vec.sequence", "session",
        "features.stream.retrain.every-sessions", "3",
        "features.stream.retrain.every", "0ms",
        "features.stream.retrain.corpus-sessions", "4",
        "features.stream.model-dir", modelDir);
  }

  static ItemModel initial() {
    HashMap<String, float[]> v = new HashMap<>();
    HashMap<String, Item> it = new HashMap<>();
    for (int i = 0; i < ITEMS.length; i++) {
      float[] x = new float[4];
      x[i % 4] = 1;
      v.put(ITEMS[i], x);
      it.put(ITEMS[i], Item.ofTitle(ITEMS[i], "title " + ITEMS[i]));
    }
    return new ItemModel(1, 4, v, it);
  }

  /** Session n of shopper "u": three items, rotating through the catalogue. */
  static SessionItems session(int n) {
    return new SessionItems(
        "u",
        n * 1000L,
        List.of(ITEMS[n % 6], ITEMS[(n + 1) % 6], ITEMS[(n + 2) % 6], ITEMS[n % 6]));
  }

  static AbstractStreamOperatorTestHarness<ModelRef> harness(StreamSettings s) throws Exception {
    var h =
        new AbstractStreamOperatorTestHarness<ModelRef>(new RetrainItemModel.Factory(s), 1, 1, 0);
    h.setup();
    return h;
  }

  static RetrainItemModel op(AbstractStreamOperatorTestHarness<ModelRef> h) {
    return (RetrainItemModel) h.getOperator();
  }

  /** Runs the mail the training thread posts: the finished model is emitted on the task thread. */
  static void awaitTraining(AbstractStreamOperatorTestHarness<ModelRef> h) throws Exception {
    h.getTaskMailbox().take(TaskMailbox.MIN_PRIORITY).run();
  }

  static List<List<String>> corpusFile(String dir, long version) throws Exception {
    List<List<String>> out = new ArrayList<>();
    for (String[] e : CorpusFiles.read(dir + "/item2vec-corpus-v" + version + ".jsonl.gz")) {
      out.add(Arrays.asList(e));
    }
    return out;
  }

  static List<String> entry(int n) {
    SessionItems s = session(n);
    List<String> e = new ArrayList<>();
    e.add(s.user() + "\t" + s.start());
    e.addAll(s.items());
    return e;
  }

  @Test
  void aRestoredRetrainerTrainsOnTheSameCorpusFromItsFileAndTheSequencesSince() throws Exception {
    String dir = TestModels.dir().resolve("retrain-restore").toString();
    StreamSettings s = settings(dir);
    ModelRef outside = TestModels.publish(initial());
    OperatorSubtaskState snapshot;
    try (var h = harness(s)) {
      h.open();
      op(h).processElement2(new StreamRecord<>(outside));
      for (int n = 1; n <= 3; n++) {
        op(h).processElement1(new StreamRecord<>(session(n)));
      }
      awaitTraining(h); // v2 on sessions 1-3
      assertThat(h.extractOutputValues()).extracting(ModelRef::version).containsExactly(2L);
      assertThat(corpusFile(dir, 2)).containsExactly(entry(1), entry(2), entry(3));
      op(h).processElement1(new StreamRecord<>(session(4)));
      op(h).processElement1(new StreamRecord<>(session(5)));
      snapshot = h.snapshot(1, 1);
    }
    assertThat(snapshot.getStateSize())
        .as("the corpus file's path, two sequences, a model reference and five states' metadata")
        .isLessThan(4_000);

    try (var h = harness(s)) {
      h.initializeState(snapshot);
      h.open();
      op(h).processElement1(new StreamRecord<>(session(6))); // the third since v2: trains v3
      awaitTraining(h);
      assertThat(h.extractOutputValues())
          .as("the version goes on from the restored model's")
          .extracting(ModelRef::version)
          .containsExactly(3L);
      // file (1-3), then 4, 5 from state, then 6; capped at 4, the oldest gone
      assertThat(corpusFile(dir, 3)).containsExactly(entry(3), entry(4), entry(5), entry(6));
      assertThat(ModelFiles.read(h.extractOutputValues().getFirst()).vectors())
          .as("no item lost: learned or carried from the restored model")
          .containsOnlyKeys(ITEMS);
    }
  }

  /** Holds a whole corpus and model in operator state, as the retrainer did before the spill. */
  static final class FormerRetrainerState
      extends org.apache.flink.streaming.api.operators.AbstractStreamOperator<ModelRef>
      implements org.apache.flink.streaming.api.operators.OneInputStreamOperator<
          ItemModel, ModelRef> {
    private transient org.apache.flink.api.common.state.ListState<String[]> corpus;
    private transient org.apache.flink.api.common.state.ListState<ItemModel> model;

    @Override
    public void initializeState(org.apache.flink.runtime.state.StateInitializationContext ctx)
        throws Exception {
      super.initializeState(ctx);
      var store = ctx.getOperatorStateStore();
      corpus =
          store.getListState(
              new org.apache.flink.api.common.state.ListStateDescriptor<>(
                  "retrain-corpus",
                  org.apache.flink.api.common.typeinfo.BasicArrayTypeInfo.STRING_ARRAY_TYPE_INFO));
      model =
          store.getListState(
              new org.apache.flink.api.common.state.ListStateDescriptor<>(
                  "retrain-model",
                  org.apache.flink.api.common.typeinfo.TypeInformation.of(ItemModel.class)));
    }

    @Override
    public void processElement(StreamRecord<ItemModel> element) throws Exception {
      model.update(List.of(element.getValue()));
      List<String[]> entries = new ArrayList<>();
      for (int n = 1; n <= 4; n++) {
        entries.add(entry(n).toArray(new String[0]));
      }
      corpus.update(entries);
    }
  }

  @Test
  void aSavepointWithTheWholeCorpusAndModelInStateRestoresIntoFiles() throws Exception {
    String dir = TestModels.dir().resolve("retrain-former").toString();
    StreamSettings s = settings(dir);
    OperatorSubtaskState former;
    try (var h =
        new org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness<>(
            new FormerRetrainerState())) {
      h.open();
      h.processElement(initial(), 0);
      former = h.snapshot(1, 1);
    }
    try (var h = harness(s)) {
      h.initializeState(former);
      h.open();
      assertThat(java.nio.file.Path.of(dir, "item-model-v1-retrained.jsonl.gz"))
          .as("the restored model, written as a file")
          .isRegularFile();
      op(h).processElement1(new StreamRecord<>(session(5)));
      op(h).processElement1(new StreamRecord<>(session(6)));
      op(h).processElement1(new StreamRecord<>(session(7)));
      awaitTraining(h);
      assertThat(h.extractOutputValues()).extracting(ModelRef::version).containsExactly(2L);
      // the restored corpus (1-4) replayed, then 5-7; capped at 4
      assertThat(corpusFile(dir, 2)).containsExactly(entry(4), entry(5), entry(6), entry(7));
      OperatorSubtaskState after = h.snapshot(2, 2);
      assertThat(after.getStateSize()).as("the former states are dropped").isLessThan(4_000);
    }
  }
}
