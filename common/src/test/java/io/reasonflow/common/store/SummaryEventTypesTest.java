package io.reasonflow.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.EventType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SummaryEventTypes} over summary.json files as backfills of each age wrote them. */
class SummaryEventTypesTest {
  @TempDir Path dir;

  private FeatureLayout summary(String json) throws Exception {
    FeatureLayout layout = new FeatureLayout(dir);
    Files.writeString(layout.summary(), json);
    return layout;
  }

  @Test
  void readsTheRecordedTypesInDeclarationOrder() throws Exception {
    FeatureLayout layout =
        summary("{\"events\": 10, \"eventTypes\": [\"PURCHASE\", \"VIEW\", \"CART\"]}");
    assertThat(SummaryEventTypes.read(layout))
        .hasValueSatisfying(
            t -> assertThat(t).containsExactly(EventType.VIEW, EventType.CART, EventType.PURCHASE));
  }

  @Test
  void noSummaryIsNoAnswer() {
    assertThat(SummaryEventTypes.read(new FeatureLayout(dir.resolve("nothing-here")))).isEmpty();
  }

  @Test
  void aSummaryFromBeforeTheFieldOrOneRecordingNoTypesIsNoAnswer() throws Exception {
    // the fields a backfill wrote before it recorded event types
    assertThat(
            SummaryEventTypes.read(
                summary(
                    "{\"events\": 10, \"deadLetters\": 0, \"users\": 3, \"items\": 4,"
                        + " \"sessions\": 5, \"coViewPairs\": 4, \"modelVersion\": 1,"
                        + " \"trainMillis\": 2, \"totalMillis\": 3}")))
        .isEmpty();
    assertThat(SummaryEventTypes.read(summary("{\"eventTypes\": null}"))).isEmpty();
    assertThat(SummaryEventTypes.read(summary("{\"eventTypes\": []}"))).isEmpty();
  }

  @Test
  void aMalformedSummaryIsOneLineNamingTheFileAndTheFix() throws Exception {
    for (String json :
        new String[] {
          "{\"events\": 10, \"eventTypes\": [\"VIEW\"", // cut short
          "not json at all",
          "",
          "[\"VIEW\"]",
          "{\"eventTypes\": \"VIEW\"}",
          "{\"eventTypes\": [\"VIEW\", \"WINK\"]}",
          "{\"eventTypes\": [\"view\"]}", // written names only, not the parser's aliases
          "{\"eventTypes\": [1]}"
        }) {
      FeatureLayout layout = summary(json);
      assertThatThrownBy(() -> SummaryEventTypes.read(layout))
          .as(json)
          .isInstanceOf(UserError.class)
          .hasMessageContaining(layout.summary().toString())
          .hasMessageContaining("run the feature job's backfill again")
          .message()
          .doesNotContain("\n");
    }
  }
}
