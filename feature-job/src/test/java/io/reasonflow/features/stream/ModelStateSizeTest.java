package io.reasonflow.features.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.Item;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * What a checkpoint of the model's consumers and of the retrainer holds, measured on Flink's
 * harness snapshots with a 5,000-item, 32-dimension model: only the model's reference, not its
 * vectors. Before models became files, the same snapshots measured 974,630 bytes for {@code
 * user-profiles} (per subtask; {@code item-features} the same again) and 1,168,152 bytes for {@code
 * retrain-item2vec} (model plus a 2,000-sequence corpus), at commit 01bd84b with this test's
 * inputs.
 */
class ModelStateSizeTest {
  static final int ITEMS = 5000;
  static final int DIM = 32;

  /**
   * Far below the model (over 500 KB as a file): a reference, keyed state's overhead and the
   * harness's own metadata.
   */
  static final long MAX_REFERENCE_STATE_BYTES = 8_000;

  static ItemModel big() {
    Random r = new Random(1);
    HashMap<String, float[]> v = new HashMap<>();
    HashMap<String, Item> it = new HashMap<>();
    for (int i = 0; i < ITEMS; i++) {
      float[] x = new float[DIM];
      for (int d = 0; d < DIM; d++) {
        x[d] = r.nextFloat();
      }
      v.put("item" + i, x);
      it.put("item" + i, Item.ofTitle("item" + i, "title of item " + i));
    }
    return new ItemModel(1, DIM, v, it);
  }

  @Test
  void consumersCheckpointTheModelsReferenceNotItsVectors() throws Exception {
    StreamSettings s = BuildItemFeaturesHarnessTest.settings();
    ModelRef ref = TestModels.publish(big());
    long fileBytes = Files.size(Path.of(ref.path()));
    OperatorSubtaskState snapshot;
    try (var h =
        new KeyedBroadcastOperatorTestHarness<>(
            new CoBroadcastWithKeyedOperator<>(
                new UserProfiles(s), List.of(UserProfiles.MODEL, UserProfiles.LEGACY_MODEL)),
            SessionEvents::user,
            Types.STRING,
            1,
            1,
            0)) {
      h.open();
      h.processBroadcastElement(ref, 1);
      snapshot = h.snapshot(1, 2);
    }
    System.out.printf(
        "user-profiles snapshot: %,d bytes (model file %,d bytes)%n",
        snapshot.getStateSize(), fileBytes);
    assertThat(fileBytes).isGreaterThan(500_000);
    assertThat(snapshot.getStateSize()).isLessThan(MAX_REFERENCE_STATE_BYTES);
  }

  @Test
  void theRetrainerCheckpointsTheModelsReferenceAndTheCorpus() throws Exception {
    StreamSettings s =
        BuildItemFeaturesHarnessTest.settings(
            "features.stream.retrain.every-sessions", "1000000",
            "features.stream.retrain.corpus-sessions", "2000",
            "features.stream.model-dir", TestModels.dir().resolve("retrain-size").toString());
    OperatorSubtaskState snapshot;
    try (var h =
        new AbstractStreamOperatorTestHarness<ModelRef>(new RetrainItemModel.Factory(s), 1, 1, 0)) {
      h.setup();
      h.open();
      RetrainItemModel op = (RetrainItemModel) h.getOperator();
      op.processElement2(new StreamRecord<>(TestModels.publish(big())));
      Random r = new Random(2);
      for (int i = 0; i < 3000; i++) {
        List<String> items = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
          items.add("item" + r.nextInt(ITEMS));
        }
        op.processElement1(new StreamRecord<>(new SessionItems("u" + i, i, items)));
      }
      snapshot = h.snapshot(1, 3);
    }
    System.out.printf("retrain-item2vec snapshot: %,d bytes%n", snapshot.getStateSize());
    // the corpus (2,000 sequences of 10 ids, about 190 KB) is still in it; the model (about 975 KB
    // in the former state) is not
    assertThat(snapshot.getStateSize()).isLessThan(400_000);
  }
}
