package io.reasonflow.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.UserProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link JsonLines#topLevelText}: a profile line's shopper id without binding the profile. */
class JsonLinesTopLevelTextTest {
  @Test
  void readsTheFieldOfAWrittenProfileWhereverItIs() throws Exception {
    UserProfile p =
        new UserProfile(
            "A13WOT3RSXKRD5",
            new float[] {0.25f, -1.5f},
            7,
            List.of(new Anchor("B00AWLB9EI", EventType.REVIEW, 1000)),
            List.of("B00AWLB9EI"),
            3,
            2000);
    String line = JsonLines.MAPPER.writeValueAsString(p);
    assertThat(JsonLines.topLevelText(line, "userId")).contains("A13WOT3RSXKRD5");
    // after nested arrays and objects: they are skipped, not searched
    assertThat(
            JsonLines.topLevelText(
                "{\"vector\":[1.0,2.5],\"recent\":[{\"userId\":\"inner\"}],\"userId\":\"outer\"}",
                "userId"))
        .contains("outer");
  }

  @Test
  void isEmptyForLinesWithoutTheTextField() {
    assertThat(JsonLines.topLevelText("{\"recent\":[{\"userId\":\"inner\"}]}", "userId")).isEmpty();
    assertThat(JsonLines.topLevelText("{\"userId\":42}", "userId")).isEmpty();
    assertThat(JsonLines.topLevelText("[\"userId\",\"x\"]", "userId")).isEmpty();
    assertThat(JsonLines.topLevelText("{\"userId\":\"cut", "userId")).isEmpty();
    assertThat(JsonLines.topLevelText("not json", "userId")).isEmpty();
    assertThat(JsonLines.topLevelText("", "userId")).isEmpty();
  }
}
