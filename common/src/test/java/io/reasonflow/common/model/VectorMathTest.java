package io.reasonflow.common.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VectorMathTest {
  /**
   * Float rounding of a unit vector's components: well above it, well below any difference a test
   * cares about.
   */
  private static final double EPS = 1e-6;

  @Test
  void normaliseScalesToUnitLengthInPlace() {
    float[] v = {3, 4};
    assertThat(VectorMath.normalise(v)).isTrue();
    // |(3, 4)| = 5
    assertThat(v[0]).isCloseTo(0.6f, within((float) EPS));
    assertThat(v[1]).isCloseTo(0.8f, within((float) EPS));
    assertThat(VectorMath.dot(v, v)).isCloseTo(1.0, within(EPS));
  }

  @Test
  void aZeroOrNonFiniteVectorCannotBeNormalisedAndIsLeftAlone() {
    float[] zero = {0, 0, 0};
    assertThat(VectorMath.normalise(zero)).isFalse();
    assertThat(zero).containsExactly(0, 0, 0);
    float[] nan = {Float.NaN, 1};
    assertThat(VectorMath.normalise(nan)).isFalse();
    assertThat(nan[1]).isEqualTo(1f);
  }

  @Test
  void cosineIgnoresLengthAndIsZeroWhenVectorsAreNotComparable() {
    // (1, 0) and (2, 2): cos 45 degrees = 1/sqrt(2)
    assertThat(VectorMath.cosine(new float[] {1, 0}, new float[] {2, 2}))
        .isCloseTo(Math.sqrt(0.5), within(EPS));
    assertThat(VectorMath.cosine(new float[] {1, 0}, new float[] {0, 0})).isZero();
    // another model version's vector (another dimension) is "not similar", not an exception
    assertThat(VectorMath.cosine(new float[] {1, 0}, new float[] {1, 0, 0})).isZero();
  }
}
