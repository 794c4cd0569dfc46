package io.reasonflow.bench.index;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.index.ItemSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A benchmark dataset: unit-length vectors to index and unit-length queries. Every engine indexes
 * exactly these vectors (vector {@code i} is item {@code i}), so their recall and latency compare
 * like for like.
 *
 * @param name how the table names it
 * @param vectors corpus vectors, unit length
 * @param queries query vectors, unit length, none of them in the corpus
 */
record BenchData(String name, float[][] vectors, float[][] queries) {
  /** Per-dimension noise of a tiled copy, relative to the vectors' own per-dimension spread. */
  static final double TILE_NOISE = 0.25;

  /** Per-dimension noise of a query made from a corpus vector. */
  static final double QUERY_NOISE = 0.1;

  int dim() {
    return vectors[0].length;
  }

  /**
   * Synthetic clustered vectors: {@code n / 200} Gaussian centres and each vector a centre plus
   * Gaussian noise as large as the centre itself, so clusters overlap, as learned embeddings'
   * neighbourhoods do; queries are fresh draws from the same mixture.
   */
  static BenchData synthetic(int n, int dim, int queries, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int clusters = Math.max(1, n / 200);
    float[][] centres = new float[clusters][dim];
    for (float[] c : centres) {
      for (int d = 0; d < dim; d++) {
        c[d] = (float) gaussian(rnd);
      }
    }
    float[][] v = new float[n][];
    for (int i = 0; i < n; i++) {
      v[i] = draw(centres[rnd.nextInt(clusters)], 1.0, rnd);
    }
    float[][] q = new float[queries][];
    for (int i = 0; i < queries; i++) {
      q[i] = draw(centres[rnd.nextInt(clusters)], 1.0, rnd);
    }
    return new BenchData(String.format(Locale.ROOT, "synthetic-%s", count(n)), v, q);
  }

  /**
   * The vectors of a feature-job {@code items.jsonl.gz} (items without a vector skipped), grown to
   * {@code tileTo} when larger by perturbed copies of randomly picked originals; queries are
   * perturbed copies of randomly picked originals, as a product page's "similar items" asks with a
   * catalogue item's vector.
   */
  static BenchData fromItems(Path file, int tileTo, int queries, long seed) {
    List<float[]> base = new ArrayList<>();
    JsonLines.forEach(
        file,
        ItemFeatures.class,
        f -> {
          float[] u = ItemSchema.unitOrNull(f.vector());
          if (u != null) {
            if (!base.isEmpty() && base.get(0).length != u.length) {
              throw new UserError(
                  file + " mixes vector dimensions " + base.get(0).length + " and " + u.length);
            }
            base.add(u);
          }
        });
    if (base.size() < 2) {
      throw new UserError(file + " has fewer than two items with a vector");
    }
    int dim = base.get(0).length;
    double sigma = spread(base);
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = Math.max(base.size(), tileTo);
    float[][] v = new float[n][];
    for (int i = 0; i < n; i++) {
      v[i] =
          i < base.size()
              ? base.get(i)
              : draw(base.get(rnd.nextInt(base.size())), TILE_NOISE * sigma, rnd);
    }
    float[][] q = new float[queries][];
    for (int i = 0; i < queries; i++) {
      q[i] = draw(base.get(rnd.nextInt(base.size())), QUERY_NOISE * sigma, rnd);
    }
    String name = n == base.size() ? "items-" + count(n) : "items-tiled-" + count(n);
    return new BenchData(name, v, q);
  }

  /** Mean per-dimension standard deviation of the (unit) vectors. */
  private static double spread(List<float[]> vs) {
    int dim = vs.get(0).length;
    double total = 0;
    for (int d = 0; d < dim; d++) {
      double sum = 0;
      double sq = 0;
      for (float[] v : vs) {
        sum += v[d];
        sq += (double) v[d] * v[d];
      }
      double mean = sum / vs.size();
      total += Math.sqrt(Math.max(0, sq / vs.size() - mean * mean));
    }
    return total / dim;
  }

  /**
   * A unit vector: {@code centre} plus Gaussian noise of standard deviation {@code sigma} per
   * dimension.
   */
  private static float[] draw(float[] centre, double sigma, SplittableRandom rnd) {
    float[] v = new float[centre.length];
    for (int d = 0; d < v.length; d++) {
      v[d] = centre[d] + (float) (gaussian(rnd) * sigma);
    }
    float[] u = ItemSchema.unitOrNull(v);
    return u == null ? draw(centre, sigma, rnd) : u;
  }

  /** Box-Muller; SplittableRandom has no nextGaussian of its own on every supported JDK. */
  private static double gaussian(SplittableRandom rnd) {
    double u1 = 1.0 - rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  static String count(int n) {
    if (n % 1_000_000 == 0) {
      return n / 1_000_000 + "M";
    }
    if (n % 1_000 == 0) {
      return n / 1_000 + "k";
    }
    return Integer.toString(n);
  }
}
