package io.reasonflow.reasons.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DataActions}: the summary's event types when it records them, the profile snapshot's only
 * for a backfill's output from before; each case in its own output directory (answers are cached
 * per directory).
 */
class DataActionsTest {
  @TempDir Path dir;

  /** An output directory whose one profile's anchors say only REVIEW. */
  private FeatureLayout withProfiles(String name) {
    FeatureLayout layout = new FeatureLayout(dir.resolve(name));
    JsonLines.writeAll(
        layout.profiles(),
        List.of(
            new UserProfile(
                "u1",
                new float[] {1f},
                1L,
                List.of(new Anchor("a", EventType.REVIEW, 1L)),
                List.of("a"),
                1,
                1L)));
    return layout;
  }

  @Test
  void theSummarysTypesWinOverTheProfiles() throws Exception {
    FeatureLayout layout = withProfiles("recorded");
    Files.writeString(
        layout.summary(), "{\"events\": 3, \"eventTypes\": [\"VIEW\", \"PURCHASE\"]}");
    assertThat(DataActions.read(layout)).containsExactly(EventType.VIEW, EventType.PURCHASE);
  }

  @Test
  void anOldSummaryOrNoneFallsBackToScanningTheProfiles() throws Exception {
    FeatureLayout old = withProfiles("old");
    Files.writeString(old.summary(), "{\"events\": 3, \"users\": 1}");
    assertThat(DataActions.read(old)).containsExactly(EventType.REVIEW);
    assertThat(DataActions.read(withProfiles("no-summary"))).containsExactly(EventType.REVIEW);
  }

  @Test
  void neitherSummaryNorProfilesIsUnknown() {
    assertThat(DataActions.read(new FeatureLayout(dir.resolve("empty")))).isEmpty();
  }

  @Test
  void aMalformedSummaryIsTheUsersOneLineNotAScan() throws Exception {
    FeatureLayout layout = withProfiles("malformed");
    Files.writeString(layout.summary(), "{\"eventTypes\": [\"VIEW\",");
    assertThatThrownBy(() -> DataActions.read(layout))
        .isInstanceOf(UserError.class)
        .hasMessageContaining(layout.summary().toString())
        .hasMessageContaining("run the feature job's backfill again");
  }
}
