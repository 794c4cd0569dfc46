package io.reasonflow.reasons.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PopularityScaleTest {
  // ten items: 1 1 1 1 2 3 5 8 13 40; percentile = fraction with strictly fewer shoppers
  private final PopularityScale scale =
      new PopularityScale(new int[] {40, 1, 3, 1, 2, 13, 1, 5, 8, 1}, 0.9, 0.5);

  @Test
  void tiesShareTheLowestPercentile() {
    assertThat(scale.percentile(1)).isEqualTo(0.0);
    assertThat(scale.percentile(3)).isEqualTo(0.5);
    assertThat(scale.percentile(40)).isEqualTo(0.9);
  }

  @Test
  void bucketsFollowThePercentiles() {
    assertThat(scale.bucket(40)).isEqualTo(PopularityBucket.BEST_SELLER); // .9 >= .9
    assertThat(scale.bucket(13)).isEqualTo(PopularityBucket.POPULAR); // .8
    assertThat(scale.bucket(3)).isEqualTo(PopularityBucket.POPULAR); // .5 is not below .5
    assertThat(scale.bucket(2)).isEqualTo(PopularityBucket.HIDDEN_GEM); // .4
    assertThat(scale.bestSellerTopPercent()).isEqualTo(10);
  }
}
