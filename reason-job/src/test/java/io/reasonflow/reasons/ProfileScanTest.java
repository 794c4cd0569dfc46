package io.reasonflow.reasons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import io.reasonflow.common.store.FeatureLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReasonJob.ProfileScan}: the number of shoppers from the backfill's summary when it records
 * it, so the client does not read the whole snapshot, and from a full pass otherwise. The summaries
 * below deliberately disagree with the three profiles, to show which source answered.
 */
class ProfileScanTest {
  @TempDir Path dir;

  private FeatureLayout layout(String summary) throws Exception {
    FeatureLayout layout = new FeatureLayout(dir);
    try (var out = new GZIPOutputStream(Files.newOutputStream(layout.profiles()))) {
      out.write(
          "{\"userId\":\"u1\"}\n{\"userId\":\"u2\"}\n{\"userId\":\"u3\"}\n"
              .getBytes(StandardCharsets.UTF_8));
    }
    if (summary != null) {
      Files.writeString(layout.summary(), summary);
    }
    return layout;
  }

  @Test
  void theRecordedCountIsTakenAndOnlyTheReportsShoppersAreRead() throws Exception {
    FeatureLayout layout = layout("{\"users\": 1000, \"eventTypes\": [\"VIEW\"]}");
    ReasonJob.ProfileScan scan = ReasonJob.ProfileScan.of(layout, null, 2);
    assertThat(scan.total()).isEqualTo(1000);
    assertThat(scan.reportUsers()).containsExactly("u1", "u2");
  }

  @Test
  void withoutARecordedCountEveryProfileIsCounted() throws Exception {
    assertThat(ReasonJob.ProfileScan.of(layout(null), null, 2).total()).isEqualTo(3);
    // a cluster backfill from before it counted its profiles wrote -1
    ReasonJob.ProfileScan old = ReasonJob.ProfileScan.of(layout("{\"users\": -1}"), null, 5);
    assertThat(old.total()).isEqualTo(3);
    assertThat(old.reportUsers()).containsExactly("u1", "u2", "u3");
  }

  @Test
  void namedShoppersAreLookedForInTheProfilesThemselves() throws Exception {
    FeatureLayout layout = layout("{\"users\": 1000}");
    ReasonJob.ProfileScan scan =
        ReasonJob.ProfileScan.of(layout, new LinkedHashSet<>(List.of("u3", "u1")), 5);
    assertThat(scan.total()).isEqualTo(3);
    assertThat(scan.reportUsers()).containsExactly("u3", "u1");
    assertThatThrownBy(
            () -> ReasonJob.ProfileScan.of(layout, new LinkedHashSet<>(List.of("u9")), 5))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("no profile")
        .hasMessageContaining("u9");
  }

  @Test
  void aMalformedSummaryIsTheSummarysOneLine() throws Exception {
    FeatureLayout layout = layout("{\"users\": \"many\"}");
    assertThatThrownBy(() -> ReasonJob.ProfileScan.of(layout, null, 2))
        .isInstanceOf(UserError.class)
        .hasMessageContaining(layout.summary().toString())
        .hasMessageContaining("run the feature job's backfill again");
  }
}
