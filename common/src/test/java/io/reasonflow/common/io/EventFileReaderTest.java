package io.reasonflow.common.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.Event;
import io.reasonflow.common.model.EventType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileReaderTest {
  @TempDir Path dir;

  private final List<Event> events = new ArrayList<>();
  private final List<DeadLetter> dead = new ArrayList<>();

  /** One good line, then one line for each way a line can be bad, then another good line. */
  private static byte[] malformedFixture() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    write(b, "user_id\titem_id\tts\ttype\n");
    write(b, "u1\ti1\t1400000000\treview\n"); // line 2: good
    write(b, "u1\ti2\tyesterday\treview\n"); // 3: bad timestamp
    write(b, "\ti3\t1400000000\treview\n"); // 4: missing user id
    write(b, "u2\ti4\t1400000000\n"); // 5: wrong column count
    write(b, "u2\tcr\u00e8me\t1400000000\treview\n"); // 6: good, non-ASCII id
    b.write(
        new byte[] {'u', '3', '\t', 'i', (byte) 0xC3, (byte) 0x28, '\t', '1', '\t', 'v', '\n'},
        0,
        11); // 7: bad UTF-8
    write(b, "\n"); // 8: empty
    write(b, "u4\ti5\t1400000000\tteleport\n"); // 9: unknown type
    write(b, "u4\ti6\t1400000000000\tpurchase\r\n"); // 10: good, millis, CRLF
    return b.toByteArray();
  }

  private static void write(ByteArrayOutputStream b, String s) {
    b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void goodLinesAreReadAndEveryBadLineIsDeadLetteredWithItsReason() throws IOException {
    Path file = dir.resolve("events.tsv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(malformedFixture());
    }

    ReadStats stats = new EventFileReader(EventSchema.DEFAULT).read(file, events::add, dead::add);

    assertThat(events).extracting(Event::itemId).containsExactly("i1", "cr\u00e8me", "i6");
    assertThat(events.get(0).eventTimeMs()).isEqualTo(1_400_000_000_000L);
    assertThat(events.get(2).eventTimeMs()).isEqualTo(1_400_000_000_000L);
    assertThat(events.get(2).type()).isEqualTo(EventType.PURCHASE);
    assertThat(dead)
        .extracting(DeadLetter::position, DeadLetter::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, DeadLetterReason.BAD_TIMESTAMP),
            org.assertj.core.groups.Tuple.tuple(4L, DeadLetterReason.MISSING_FIELD),
            org.assertj.core.groups.Tuple.tuple(5L, DeadLetterReason.WRONG_COLUMN_COUNT),
            org.assertj.core.groups.Tuple.tuple(7L, DeadLetterReason.INVALID_UTF8),
            org.assertj.core.groups.Tuple.tuple(8L, DeadLetterReason.EMPTY_LINE),
            org.assertj.core.groups.Tuple.tuple(9L, DeadLetterReason.BAD_EVENT_TYPE));
    assertThat(dead).allSatisfy(d -> assertThat(d.source()).endsWith("events.tsv.gz"));
    assertThat(dead.get(0).raw()).isEqualTo("u1\ti2\tyesterday\treview");
    assertThat(dead.get(3).raw()).contains("\\xC3(");
    assertThat(stats.accepted()).isEqualTo(3);
    assertThat(stats.rejectedTotal()).isEqualTo(6);
    assertThat(stats.rejectedByReason()).containsEntry(DeadLetterReason.INVALID_UTF8, 1L);
  }

  @Test
  void csvWithQuotedFieldsAndRenamedColumnsIsMappedByName() throws IOException {
    Path file = dir.resolve("clicks.csv");
    Files.writeString(
        file, "when,who,sku\n" + "1396437466.94,\"s,1\",A\n" + "1396437467,s2,\"B \"\"x\"\"\"\n");
    EventSchema schema =
        new EventSchema("who", "sku", "when", null, null, TimestampUnit.SECONDS, EventType.CLICK);

    new EventFileReader(schema).read(file, events::add, dead::add);

    assertThat(dead).isEmpty();
    assertThat(events)
        .containsExactly(
            new Event("s,1", "A", EventType.CLICK, 1_396_437_466_940L),
            new Event("s2", "B \"x\"", EventType.CLICK, 1_396_437_467_000L));
  }

  @Test
  void jsonLinesAreReadAndMalformedJsonIsDeadLettered() throws IOException {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(
        file,
        "{\"user_id\":\"u\",\"item_id\":\"i\",\"ts\":1400000000123,\"type\":\"add_to_cart\","
            + "\"session_id\":\"s9\"}\n{not json\n[1,2]\n");

    new EventFileReader(EventSchema.DEFAULT).read(file, events::add, dead::add);

    assertThat(events)
        .containsExactly(new Event("u", "i", EventType.CART, 1_400_000_000_123L, "s9"));
    assertThat(dead)
        .extracting(DeadLetter::reason)
        .containsExactly(DeadLetterReason.MALFORMED_JSON, DeadLetterReason.MALFORMED_JSON);
  }

  @Test
  void aDirectoryIsReadFileByFileInNameOrder() throws IOException {
    Files.writeString(dir.resolve("b.tsv"), "user_id\titem_id\tts\nu\tb\t1400000001\n");
    Files.writeString(dir.resolve("a.tsv"), "user_id\titem_id\tts\nu\ta\t1400000000\n");
    Files.writeString(dir.resolve("README.md"), "not data");

    new EventFileReader(EventSchema.DEFAULT).read(dir, events::add, dead::add);

    assertThat(events).extracting(Event::itemId).containsExactly("a", "b");
    assertThat(events).allSatisfy(e -> assertThat(e.type()).isEqualTo(EventType.VIEW));
  }

  @Test
  void userMistakesAreOneLineErrorsThatSayHowToFixThem() throws IOException {
    EventFileReader reader = new EventFileReader(EventSchema.DEFAULT);
    assertThatThrownBy(() -> reader.read(dir.resolve("nope.tsv"), events::add, dead::add))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("input not found")
        .hasMessageContaining("nope.tsv");

    Path noUser = dir.resolve("x.tsv");
    Files.writeString(noUser, "visitor\titem_id\tts\nv\ti\t1\n");
    assertThatThrownBy(() -> reader.read(noUser, events::add, dead::add))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("no column 'user_id'")
        .hasMessageContaining("input.columns.user");
  }

  @Test
  void timestampsInSecondsMillisAndIsoAreUnderstood() {
    assertThat(EventLineParser.parseTime("1400000000", TimestampUnit.AUTO))
        .isEqualTo(1_400_000_000_000L);
    assertThat(EventLineParser.parseTime("1400000000000", TimestampUnit.AUTO))
        .isEqualTo(1_400_000_000_000L);
    assertThat(EventLineParser.parseTime("1400000000", TimestampUnit.MILLIS))
        .isEqualTo(1_400_000_000L);
    assertThat(EventLineParser.parseTime("2014-05-13T16:53:20Z", TimestampUnit.AUTO))
        .isEqualTo(1_400_000_000_000L);
    assertThatThrownBy(() -> EventLineParser.parseTime("NaN", TimestampUnit.AUTO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
