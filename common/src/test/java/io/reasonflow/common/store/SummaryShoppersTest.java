package io.reasonflow.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SummaryShoppers} over summary.json files as local and cluster backfills wrote them. */
class SummaryShoppersTest {
  @TempDir Path dir;

  private FeatureLayout summary(String json) throws Exception {
    FeatureLayout layout = new FeatureLayout(dir);
    Files.writeString(layout.summary(), json);
    return layout;
  }

  @Test
  void readsTheRecordedNumberOfShoppers() throws Exception {
    assertThat(SummaryShoppers.read(summary("{\"events\": 10, \"users\": 22363}"))).hasValue(22363);
    assertThat(SummaryShoppers.read(summary("{\"users\": 0}"))).hasValue(0);
  }

  @Test
  void noSummaryNoFieldOrAnUnknownCountIsNoAnswer() throws Exception {
    assertThat(SummaryShoppers.read(new FeatureLayout(dir.resolve("nothing-here")))).isEmpty();
    assertThat(SummaryShoppers.read(summary("{\"items\": 4}"))).isEmpty();
    assertThat(SummaryShoppers.read(summary("{\"users\": null}"))).isEmpty();
    // a cluster backfill's summary from before it counted its profiles
    assertThat(SummaryShoppers.read(summary("{\"users\": -1, \"items\": 200000}"))).isEmpty();
  }

  @Test
  void aMalformedSummaryIsOneLineNamingTheFileAndTheFix() throws Exception {
    for (String json :
        new String[] {"{\"users\": 3", "[3]", "{\"users\": \"3\"}", "{\"users\": 2.5}", ""}) {
      FeatureLayout layout = summary(json);
      assertThatThrownBy(() -> SummaryShoppers.read(layout))
          .as(json)
          .isInstanceOf(UserError.class)
          .hasMessageContaining(layout.summary().toString())
          .hasMessageContaining("run the feature job's backfill again")
          .message()
          .doesNotContain("\n");
    }
  }
}
