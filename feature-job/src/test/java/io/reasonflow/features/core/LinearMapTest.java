package io.reasonflow.features.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearMapTest {
  @Test
  void recoversAKnownAffineMapFromNoiselessPairs() {
    SplittableRandom r = new SplittableRandom(7);
    int p = 6;
    int q = 4;
    double[][] w = new double[q][p];
    double[] b = new double[q];
    for (int s = 0; s < q; s++) {
      b[s] = r.nextDouble(-2, 2);
      for (int k = 0; k < p; k++) {
        w[s][k] = r.nextDouble(-1, 1);
      }
    }
    float[][] xs = new float[500][p];
    float[][] ys = new float[500][q];
    for (int i = 0; i < xs.length; i++) {
      for (int k = 0; k < p; k++) {
        xs[i][k] = (float) r.nextDouble(-1, 1);
      }
      for (int s = 0; s < q; s++) {
        double y = b[s];
        for (int k = 0; k < p; k++) {
          y += w[s][k] * xs[i][k];
        }
        ys[i][s] = (float) y;
      }
    }
    LinearMap m = LinearMap.fit(xs, ys, 1e-6);
    float[] probe = {0.3f, -0.2f, 0.9f, 0f, -0.5f, 0.1f};
    float[] got = m.apply(probe);
    for (int s = 0; s < q; s++) {
      double want = b[s];
      for (int k = 0; k < p; k++) {
        want += w[s][k] * probe[k];
      }
      assertThat((double) got[s]).isCloseTo(want, within(1e-3));
    }
  }

  @Test
  void aLargePenaltyShrinksTowardsTheTargetMean() {
    float[][] xs = {{1, 0}, {0, 1}, {-1, 0}};
    float[][] ys = {{3}, {5}, {7}};
    float[] atOrigin = LinearMap.fit(xs, ys, 1e9).apply(new float[] {1, 0});
    assertThat((double) atOrigin[0]).isCloseTo(5.0, within(1e-3));
    // with fewer pairs than dimensions the penalty still makes the system solvable
    assertThat(
            LinearMap.fit(new float[][] {{1, 2, 3}}, new float[][] {{1}}, 0.1)
                .apply(new float[] {1, 2, 3})[0])
        .isFinite();
    assertThatThrownBy(() -> LinearMap.fit(xs, ys, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
