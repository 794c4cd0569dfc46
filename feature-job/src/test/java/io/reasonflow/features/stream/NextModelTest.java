package io.reasonflow.features.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.VectorMath;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link NextModel}: a retraining's model keeps every item of the previous one, and puts the items
 * it did not learn where they belong in the new space. The "new space" here is the old one rotated
 * (what an independent skip-gram run amounts to, up to noise), so the right place for an unlearned
 * item is its old vector rotated.
 */
class NextModelTest {
  static final int DIM = 8;
  static final Random RANDOM = new Random(11);

  static float[] randomUnit(int dim) {
    float[] v = new float[dim];
    for (int k = 0; k < dim; k++) {
      v[k] = (float) RANDOM.nextGaussian();
    }
    VectorMath.normalise(v);
    return v;
  }

  /** A random orthogonal matrix (Gram-Schmidt on Gaussian rows). */
  static float[][] rotation() {
    float[][] r = new float[DIM][];
    for (int i = 0; i < DIM; i++) {
      float[] v = randomUnit(DIM);
      for (int j = 0; j < i; j++) {
        double d = VectorMath.dot(v, r[j]);
        for (int k = 0; k < DIM; k++) {
          v[k] -= (float) (d * r[j][k]);
        }
      }
      VectorMath.normalise(v);
      r[i] = v;
    }
    return r;
  }

  static float[] apply(float[][] r, float[] x) {
    float[] y = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      y[i] = (float) VectorMath.dot(r[i], x);
    }
    return y;
  }

  static ItemModel previous(int items) {
    HashMap<String, float[]> v = new HashMap<>();
    HashMap<String, Item> it = new HashMap<>();
    for (int i = 0; i < items; i++) {
      v.put("item" + i, randomUnit(DIM));
      it.put("item" + i, Item.ofTitle("item" + i, "title " + i));
    }
    return new ItemModel(7, DIM, v, it);
  }

  @Test
  void unlearnedItemsAreMappedIntoTheNewSpace() {
    ItemModel prev = previous(200);
    float[][] r = rotation();
    Map<String, float[]> learned = new HashMap<>();
    for (int i = 0; i < 150; i++) {
      learned.put("item" + i, apply(r, prev.vectors().get("item" + i)));
    }
    NextModel.Result next = NextModel.of(prev, learned, DIM, 8);

    assertThat(next.model().version()).isEqualTo(8);
    assertThat(next.model().vectors()).hasSize(200);
    assertThat(next.learned()).isEqualTo(150);
    assertThat(next.mapped()).isEqualTo(50);
    assertThat(next.model().items()).isEqualTo(prev.items());
    for (int i = 0; i < 150; i++) {
      assertThat(next.model().vectors().get("item" + i)).isSameAs(learned.get("item" + i));
    }
    for (int i = 150; i < 200; i++) {
      float[] expected = apply(r, prev.vectors().get("item" + i));
      float[] got = next.model().vectors().get("item" + i);
      assertThat(VectorMath.dot(got, got))
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
      assertThat(VectorMath.dot(got, expected))
          .as("cosine to the rotated old vector, item%d", i)
          .isGreaterThan(0.98);
      // and far from where the unrotated old vector would have put it
      assertThat(VectorMath.dot(got, prev.vectors().get("item" + i))).isLessThan(0.98);
    }
  }

  @Test
  void tooFewSharedItemsKeepTheOldVectorWhenTheDimensionAgreesAndDropItOtherwise() {
    ItemModel prev = previous(30);
    Map<String, float[]> learned = new HashMap<>();
    for (int i = 0; i < 5; i++) { // fewer than MIN_SHARED_PER_DIMENSION * DIM
      learned.put("item" + i, randomUnit(DIM));
    }
    NextModel.Result same = NextModel.of(prev, learned, DIM, 8);
    assertThat(same.keptAsIs()).isEqualTo(25);
    assertThat(same.model().vectors().get("item20")).isEqualTo(prev.vectors().get("item20"));

    Map<String, float[]> wider = new HashMap<>();
    for (int i = 0; i < 5; i++) {
      wider.put("item" + i, randomUnit(DIM * 2));
    }
    NextModel.Result other = NextModel.of(prev, wider, DIM * 2, 8);
    assertThat(other.dropped()).isEqualTo(25);
    assertThat(other.model().vectors()).hasSize(5);
    assertThat(other.model().dim()).isEqualTo(DIM * 2);
  }

  @Test
  void withoutAPreviousModelItIsTheLearnedVectors() {
    Map<String, float[]> learned = Map.of("a", randomUnit(DIM), "b", randomUnit(DIM));
    NextModel.Result next = NextModel.of(null, learned, DIM, 1);
    assertThat(next.model().vectors()).containsOnlyKeys("a", "b");
    assertThat(next.model().version()).isEqualTo(1);
  }
}
