package io.reasonflow.index;

import io.reasonflow.common.model.CoView;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded synthetic items for tests: clustered vectors, so that nearest neighbours are known to be
 * cluster mates.
 */
public final class TestItems {
  public static final String[] CATEGORIES = {"Nails", "Hair", "Skin", "Fragrance"};
  public static final String[] BRANDS = {"Acme", "Borealis", "Cirrus"};

  private TestItems() {}

  /** Unit-ish cluster centres in {@code dim} dimensions. */
  public static float[][] centres(int clusters, int dim, Random rnd) {
    float[][] c = new float[clusters][dim];
    for (float[] v : c) {
      for (int i = 0; i < dim; i++) {
        v[i] = (float) rnd.nextGaussian();
      }
    }
    return c;
  }

  public static float[] around(float[] centre, double spread, Random rnd) {
    float[] v = new float[centre.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = centre[i] + (float) (rnd.nextGaussian() * spread);
    }
    return v;
  }

  /**
   * {@code n} items; item {@code i} is in cluster {@code i % clusters}, category {@code
   * CATEGORIES[i % 4]}, brand {@code BRANDS[i % 3]}, price {@code 5 + i} (every 10th item has no
   * price), and a title naming its cluster.
   */
  public static List<ItemFeatures> clustered(int n, int clusters, int dim, long seed) {
    Random rnd = new Random(seed);
    float[][] centres = centres(clusters, dim, rnd);
    List<ItemFeatures> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int c = i % clusters;
      out.add(item(i, c, around(centres[c], 0.3, rnd)));
    }
    return out;
  }

  public static String id(int i) {
    return "item-" + i;
  }

  public static ItemFeatures item(int i, int cluster, float[] vector) {
    Item item =
        new Item(
            id(i),
            "cluster" + cluster + " product " + i,
            BRANDS[i % BRANDS.length],
            List.of("Beauty", CATEGORIES[i % CATEGORIES.length]),
            i % 10 == 9 ? Double.NaN : 5.0 + i);
    List<CoView> coViews =
        List.of(
            new CoView(id(i + 1), 7 + i % 5, 0.1 + i / 1000.0), new CoView(id(i + 2), 5, 1.0 / 3));
    return new ItemFeatures(
        item,
        vector,
        3L,
        i % 7 == 0 ? ItemFeatures.VectorSource.CONTENT : ItemFeatures.VectorSource.BEHAVIOUR,
        10 + i,
        coViews);
  }

  public static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
