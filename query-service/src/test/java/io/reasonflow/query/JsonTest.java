package io.reasonflow.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void cosineReadsAsPercentThreeF() {
    SplittableRandom random = new SplittableRandom(7);
    float[] edges = {0f, -0f, 1f, -1f, 0.0005f, -0.0005f, 0.9995f, 0.12345f, -1e-30f, 0.999999f};
    for (float x : edges) {
      assertThat(Json.cosine(x))
          .as("cosine(%s)", x)
          .isEqualTo(String.format(Locale.ROOT, "%.3f", x));
    }
    for (int i = 0; i < 20_000; i++) {
      float x = (float) (random.nextDouble() * 2 - 1);
      assertThat(Json.cosine(x))
          .as("cosine(%s)", x)
          .isEqualTo(String.format(Locale.ROOT, "%.3f", x));
    }
  }
}
