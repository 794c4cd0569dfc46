package io.reasonflow.features.stream;

import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.VectorMath;
import io.reasonflow.features.core.LinearMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds the model a retraining produces from the vectors it learned and the model it replaces.
 *
 * <p>A retraining sees only the rolling corpus, so it learns only the items in it. Items of the
 * previous model that it did not learn must not vanish from the index and from profiles; but their
 * old vectors live in the old space, and two skip-gram trainings' spaces are not aligned (each is
 * an arbitrary rotation, and more, of the other), so copying an old vector as is would put the item
 * at a meaningless place among the new ones. Instead a linear map from the old space to the new one
 * is fitted ({@link LinearMap}, ridge) on the items both models have, and an unlearned item's
 * vector is its old vector mapped, L2-normalised. With too few shared items to fit that map ({@link
 * #MIN_SHARED_PER_DIMENSION} per old dimension) the old vector is kept as is when the dimensions
 * agree (still better than losing the item), and dropped when they do not. Catalogue metadata is
 * carried over whole.
 */
public final class NextModel {
  /**
   * Shared items per dimension of the old space needed to fit the map: below this it is mostly the
   * ridge prior.
   */
  static final int MIN_SHARED_PER_DIMENSION = 2;

  /**
   * Ridge penalty of the map: small next to the sum of squares of many unit vectors, so with enough
   * shared items it barely biases the fit, and positive so that the fit is defined with few.
   */
  static final double RIDGE = 0.1;

  /** The new model, and how its vectors came about (for logs). */
  public record Result(ItemModel model, int learned, int mapped, int keptAsIs, int dropped) {}

  private NextModel() {}

  /**
   * @param previous the model being replaced, or {@code null} when there is none
   * @param learned L2-normalised vectors from the retraining, dimension {@code dim}
   */
  public static Result of(ItemModel previous, Map<String, float[]> learned, int dim, long version) {
    HashMap<String, float[]> vectors = new HashMap<>(learned);
    HashMap<String, Item> items =
        previous == null ? new HashMap<>() : new HashMap<>(previous.items());
    if (previous == null) {
      return new Result(new ItemModel(version, dim, vectors, items), learned.size(), 0, 0, 0);
    }
    // sorted, so the fit (and with it every carried vector) does not depend on hash order
    List<String> shared = new ArrayList<>();
    List<String> unlearned = new ArrayList<>();
    for (String id : new TreeSet<>(previous.vectors().keySet())) {
      (learned.containsKey(id) ? shared : unlearned).add(id);
    }
    LinearMap map = null;
    if (!unlearned.isEmpty() && shared.size() >= MIN_SHARED_PER_DIMENSION * previous.dim()) {
      float[][] xs = new float[shared.size()][];
      float[][] ys = new float[shared.size()][];
      for (int i = 0; i < shared.size(); i++) {
        xs[i] = previous.vectors().get(shared.get(i));
        ys[i] = learned.get(shared.get(i));
      }
      map = LinearMap.fit(xs, ys, RIDGE);
    }
    int mapped = 0;
    int keptAsIs = 0;
    int dropped = 0;
    for (String id : unlearned) {
      float[] old = previous.vectors().get(id);
      if (map != null) {
        float[] v = map.apply(old);
        if (VectorMath.normalise(v)) {
          vectors.put(id, v);
          mapped++;
          continue;
        }
      }
      if (old.length == dim) {
        vectors.put(id, old.clone());
        keptAsIs++;
      } else {
        dropped++;
      }
    }
    return new Result(
        new ItemModel(version, dim, vectors, items), learned.size(), mapped, keptAsIs, dropped);
  }
}
