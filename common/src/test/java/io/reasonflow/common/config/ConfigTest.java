package io.reasonflow.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import io.reasonflow.common.io.EventSchema;
import io.reasonflow.common.io.TimestampUnit;
import io.reasonflow.common.model.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsComeFromTheReferenceFile() {
    Config c = Config.defaults();
    assertThat(c.duration("features.session.gap")).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.integer("reasons.privacy.min-shoppers", 1, 1000)).isEqualTo(5);
    assertThat(c.origin("features.session.gap")).isEqualTo("default");
    assertThat(EventSchemas.from(c)).isEqualTo(EventSchema.DEFAULT);
  }

  @Test
  void aFileOverridesDefaultsAndTheCommandLineOverridesTheFile() throws IOException {
    Path file = dir.resolve("rf.properties");
    Files.writeString(
        file, "features.session.gap = 14d\nreasons.top-k = 7\ninput.columns.type =\n");

    Config c = Config.load(file, Map.of("reasons.top-k", "3", "input.timestamp-unit", "millis"));

    assertThat(c.duration("features.session.gap")).isEqualTo(Duration.ofDays(14));
    assertThat(c.integer("reasons.top-k", 1, 1000)).isEqualTo(3);
    assertThat(c.origin("reasons.top-k")).isEqualTo("--set");
    assertThat(c.origin("features.session.gap")).isEqualTo(file.toString());
    EventSchema s = EventSchemas.from(c);
    assertThat(s.typeField()).isNull();
    assertThat(s.timestampUnit()).isEqualTo(TimestampUnit.MILLIS);
    assertThat(s.defaultType()).isEqualTo(EventType.VIEW);
  }

  @Test
  void anUnknownKeyIsRejectedWithTheClosestKnownKey() throws IOException {
    Path file = dir.resolve("typo.properties");
    Files.writeString(file, "features.sesion.gap = 1h\n");
    assertThatThrownBy(() -> Config.load(file, Map.of()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("unknown config key 'features.sesion.gap'")
        .hasMessageContaining("did you mean 'features.session.gap'");
  }

  @Test
  void illTypedValuesNameTheKeyTheValueAndWhereItCameFrom() {
    Config c = Config.load(null, Map.of("features.session.gap", "soon", "reasons.top-k", "0"));
    assertThatThrownBy(() -> c.duration("features.session.gap"))
        .isInstanceOf(UserError.class)
        .hasMessage(
            "config key 'features.session.gap' = 'soon' (from --set) is not a duration like 500ms, 30s, 30m, "
                + "2h or 14d");
    assertThatThrownBy(() -> c.integer("reasons.top-k", 1, 1000))
        .hasMessageContaining("is outside 1..1000");
    assertThatThrownBy(() -> Config.load(dir.resolve("missing.properties"), Map.of()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("config file not found");
  }
}
