package io.reasonflow.features.stream;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.store.JsonLines;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;

/**
 * An embedding model as the streaming job broadcasts it: a version and a vector (with the catalogue
 * metadata the index documents carry) per item. A newer version replaces an older one everywhere;
 * an older one arriving late is ignored. Plain {@link HashMap}s, because the model is Flink (Kryo)
 * serialised into broadcast state.
 *
 * @param version model version (a backfill's start time in epoch ms, so later models sort after
 *     earlier ones)
 * @param dim vector dimension
 * @param vectors unit-length vector per item id
 * @param items catalogue metadata per item id
 */
public record ItemModel(
    long version, int dim, HashMap<String, float[]> vectors, HashMap<String, Item> items)
    implements Serializable {

  public static ItemModel of(long version, Collection<ItemFeatures> features) {
    HashMap<String, float[]> v = new HashMap<>();
    HashMap<String, Item> it = new HashMap<>();
    int dim = 0;
    for (ItemFeatures f : features) {
      if (dim == 0) {
        dim = f.vector().length;
      } else if (f.vector().length != dim) {
        throw new IllegalArgumentException(
            "item " + f.id() + " has dimension " + f.vector().length + ", not " + dim);
      }
      v.put(f.id(), f.vector());
      it.put(f.id(), f.item());
    }
    return new ItemModel(version, dim, v, it);
  }

  /**
   * The model in a backfill's {@code items.jsonl.gz}; its version is the newest model version in
   * the file.
   */
  public static ItemModel read(Path itemsFile) {
    if (!Files.exists(itemsFile)) { // one file, or the backfill's directory of parts
      throw new UserError(
          "model file not found: "
              + itemsFile
              + " (set features.stream.model to the items.jsonl.gz of a backfill: reasonflow features ...)");
    }
    java.util.List<ItemFeatures> all = JsonLines.readAll(itemsFile, ItemFeatures.class);
    long version = all.stream().mapToLong(ItemFeatures::modelVersion).max().orElse(0);
    return of(version, all);
  }

  /** The item's metadata, or a bare item when the model's catalogue does not know it. */
  public Item item(String id) {
    Item i = items.get(id);
    return i == null ? Item.ofTitle(id, "") : i;
  }

  @Override
  public String toString() {
    return "ItemModel[v" + version + ", dim=" + dim + ", items=" + vectors.size() + "]";
  }
}
