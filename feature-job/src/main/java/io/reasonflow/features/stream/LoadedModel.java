package io.reasonflow.features.stream;

import java.io.IOException;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model a consumer subtask holds in memory for the {@link ModelRef} in its broadcast state: not
 * state itself, so not in checkpoints. Loaded when a newer reference arrives, and on first use
 * after a restore (the state then holds only the reference).
 */
final class LoadedModel {
  private static final Logger LOG = LoggerFactory.getLogger(LoadedModel.class);
  private ItemModel model;

  /**
   * The current model of a consumer's broadcast state: the one its reference names, or, in state
   * restored from a savepoint taken before models were files and before the next model arrived, the
   * whole model that state still holds; null for none.
   */
  ItemModel current(
      ReadOnlyBroadcastState<String, ModelRef> refs,
      ReadOnlyBroadcastState<String, ItemModel> legacy)
      throws Exception {
    ModelRef ref = refs.get(UserProfiles.CURRENT);
    return ref != null ? get(ref) : legacy.get(UserProfiles.CURRENT);
  }

  /**
   * Whether {@code ref} is newer than the current model of the broadcast state ({@link #current}'s
   * sources).
   */
  static boolean isNewer(
      ModelRef ref,
      ReadOnlyBroadcastState<String, ModelRef> refs,
      ReadOnlyBroadcastState<String, ItemModel> legacy)
      throws Exception {
    ModelRef current = refs.get(UserProfiles.CURRENT);
    ItemModel old = legacy.get(UserProfiles.CURRENT);
    return ref.newerThan(current) && (old == null || ref.version() > old.version());
  }

  /** The model {@code ref} names, loading it unless it is the one held; null for no reference. */
  ItemModel get(ModelRef ref) throws IOException {
    if (ref == null) {
      return null;
    }
    if (model == null || model.version() != ref.version()) {
      long start = System.nanoTime();
      model = ModelFiles.read(ref);
      LOG.info(
          "loaded {} from {} in {} ms", model, ref.path(), (System.nanoTime() - start) / 1_000_000);
    }
    return model;
  }
}
