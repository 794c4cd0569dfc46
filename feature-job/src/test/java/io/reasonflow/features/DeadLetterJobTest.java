package io.reasonflow.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import io.reasonflow.common.io.DeadLetter;
import io.reasonflow.common.io.DeadLetterReason;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterJobTest {
  @TempDir Path dir;

  @Test
  void malformedLinesAreDeadLetteredAndGoodLinesProcessed() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    String good =
        "user_id\titem_id\tts\ttype\n"
            + "u1\tA\t1400000000\tview\n"
            + "u1\tB\t1400000060\tview\n"
            + "u1\tB\t1400000060\tview\n" // exact duplicate of line 3
            + "u1\tC\tyesterday\tview\n" // line 5: bad timestamp
            + "u2\t\t1400000000\tview\n" // line 6: missing item
            + "u2\tA\t1400000000\n" // line 7: 3 columns
            + "\n"; // line 8: empty
    b.write(good.getBytes(StandardCharsets.UTF_8));
    b.write(
        new byte[] {
          'u',
          '3',
          '\t',
          'A',
          (byte) 0xC3,
          (byte) 0x28,
          '\t',
          '1',
          '4',
          '0',
          '0',
          '0',
          '0',
          '0',
          '0',
          '0',
          '0',
          '\t',
          'v',
          'i',
          'e',
          'w',
          '\n'
        }); // line 9: invalid UTF-8
    b.write("u2\tB\t1400000100\tcart\n".getBytes(StandardCharsets.UTF_8)); // line 10
    Path events = dir.resolve("events.tsv");
    Files.write(events, b.toByteArray());
    Path out = dir.resolve("out");

    FeatureRunSummary s =
        new FeatureJob(Fixtures.smallConfig()).runBatch(Fixtures.batchEnv(), events, null, out);

    FeatureLayout layout = new FeatureLayout(out);
    List<DeadLetter> dead = JsonLines.readAll(layout.deadLetters(), DeadLetter.class);
    Map<Long, DeadLetterReason> byLine =
        dead.stream().collect(Collectors.toMap(DeadLetter::position, DeadLetter::reason));
    assertThat(byLine)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                5L, DeadLetterReason.BAD_TIMESTAMP,
                6L, DeadLetterReason.MISSING_FIELD,
                7L, DeadLetterReason.WRONG_COLUMN_COUNT,
                8L, DeadLetterReason.EMPTY_LINE,
                9L, DeadLetterReason.INVALID_UTF8));
    assertThat(dead).allSatisfy(d -> assertThat(d.source()).endsWith("events.tsv"));
    assertThat(dead.stream().filter(d -> d.position() == 9).findFirst().orElseThrow().raw())
        .contains("\\xC3(");
    assertThat(s.deadLetters()).isEqualTo(5);
    assertThat(s.events()).as("4 good lines, one of them a duplicate").isEqualTo(3);
    assertThat(s.users()).isEqualTo(2);

    Map<String, UserProfile> profiles =
        JsonLines.readAll(layout.profiles(), UserProfile.class).stream()
            .collect(Collectors.toMap(UserProfile::userId, p -> p));
    assertThat(profiles.keySet()).containsExactlyInAnyOrder("u1", "u2");
    assertThat(profiles.get("u1").seenItems()).containsExactly("A", "B");
    assertThat(profiles.get("u1").eventCount()).isEqualTo(2);
    assertThat(profiles.get("u2").seenItems()).containsExactly("B");
    assertThat(Files.exists(layout.summary())).isTrue();
  }

  @Test
  void missingColumnIsAUserErrorBeforeTheJobStarts() throws Exception {
    Path events = Fixtures.write(dir.resolve("e.csv"), "user,item_id,ts", "u1,A,1400000000");
    assertThatThrownBy(
            () ->
                new FeatureJob(Fixtures.smallConfig())
                    .runBatch(Fixtures.batchEnv(), events, null, dir.resolve("o")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("input.columns.user");
  }
}
