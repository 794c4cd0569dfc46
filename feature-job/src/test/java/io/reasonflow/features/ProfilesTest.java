package io.reasonflow.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.reasonflow.common.model.Event;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.features.core.Profiles;
import io.reasonflow.features.core.UserHistory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfilesTest {
  private static final long DAY = 86_400_000L;

  @Test
  void vectorIsTheDecayedTypeWeightedAverageDirection() {
    // X=(1,0) viewed 30 days (one half-life) before Y=(0,1) was purchased. weights: X = 1.0 * 0.5 =
    // 0.5, Y = 5.0 * 1 = 5 -> (0.5, 5) / |(0.5, 5)| = (0.0995, 0.995)
    long t0 = 1_400_000_000_000L;
    UserHistory h =
        UserHistory.of(
            "u",
            List.of(
                new Event("u", "Y", EventType.PURCHASE, t0 + 30 * DAY),
                new Event("u", "X", EventType.VIEW, t0),
                new Event("u", "Z", EventType.VIEW, t0 + DAY)),
            30 * 60_000L,
            50);
    Map<String, float[]> vectors = Map.of("X", new float[] {1, 0}, "Y", new float[] {0, 1});
    UserProfile p = Profiles.build(h, vectors::get, 2, 7, 2, 30 * DAY);
    double n = Math.sqrt(0.25 + 25);
    assertThat((double) p.vector()[0]).isCloseTo(0.5 / n, within(1e-6));
    assertThat((double) p.vector()[1]).isCloseTo(5 / n, within(1e-6));
    assertThat(p.recent()).extracting(a -> a.itemId()).containsExactly("Y", "Z");
    assertThat(p.seenItems()).containsExactly("X", "Y", "Z");
    assertThat(p.modelVersion()).isEqualTo(7);
  }

  @Test
  void sessionsSplitOnGapsAndKeepTheMostRecentItems() {
    long t = 1_400_000_000_000L;
    UserHistory h =
        UserHistory.of(
            "u",
            List.of(
                new Event("u", "A", EventType.VIEW, t),
                new Event("u", "B", EventType.VIEW, t + 60_000),
                new Event("u", "B", EventType.VIEW, t + 120_000),
                new Event("u", "C", EventType.VIEW, t + 180_000),
                new Event("u", "D", EventType.VIEW, t + 3 * 3_600_000L)),
            30 * 60_000L,
            2);
    assertThat(h.sessions()).containsExactly(List.of("B", "C"), List.of("D"));
    assertThat(h.duplicates()).isZero();
  }
}
