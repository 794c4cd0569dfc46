package io.reasonflow.common.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.reasonflow.common.model.Event;
import io.reasonflow.common.model.Item;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input rules of issue 12: field limits, strict timestamps and JSON, damaged gzip tails, hidden
 * files. Each bad case is one line between good ones, so a test also shows the good lines around it
 * are still read.
 */
class StrictInputTest {
  private static final String HEADER = "user_id\titem_id\tts\ttype\tsession_id";
  @TempDir Path dir;

  private static RawLine line(String text) {
    return new RawLine("t.tsv", 2, text.getBytes(StandardCharsets.UTF_8));
  }

  private static EventLineParser tsv() {
    return EventLineParser.forHeader(
        EventSchema.DEFAULT,
        RecordFormat.TSV,
        new RawLine("t.tsv", 1, HEADER.getBytes(StandardCharsets.UTF_8)));
  }

  private static DeadLetter rejected(EventLineParser parser, String text) {
    ParseResult<Event> r = parser.parse(line(text));
    assertThat(r)
        .as(text.length() > 100 ? text.substring(0, 100) : text)
        .isInstanceOf(ParseResult.Rejected.class);
    return ((ParseResult.Rejected<Event>) r).deadLetter();
  }

  private static Event accepted(EventLineParser parser, String text) {
    ParseResult<Event> r = parser.parse(line(text));
    assertThat(r).as(text).isInstanceOf(ParseResult.Ok.class);
    return ((ParseResult.Ok<Event>) r).value();
  }

  @Test
  void idsLongerThanTheLimitAreDeadLetteredWithAShortDetail() {
    String huge = "u".repeat(40_000);
    DeadLetter d = rejected(tsv(), huge + "\ti1\t1400000000\tview\t");
    assertThat(d.reason()).isEqualTo(DeadLetterReason.ID_TOO_LONG);
    assertThat(d.detail()).contains("user_id").contains("40,000").hasSizeLessThan(200);
    assertThat(d.raw()).hasSize(40_000 + "\ti1\t1400000000\tview\t".length());

    assertThat(rejected(tsv(), "u1\t" + "i".repeat(513) + "\t1400000000\tview\t").reason())
        .isEqualTo(DeadLetterReason.ID_TOO_LONG);
    assertThat(rejected(tsv(), "u1\ti1\t1400000000\tview\t" + "s".repeat(513)).reason())
        .isEqualTo(DeadLetterReason.ID_TOO_LONG);
    // the limit is in UTF-8 bytes: 256 two-byte characters fit, 257 do not
    assertThat(accepted(tsv(), "u1\t" + "\u00e9".repeat(256) + "\t1400000000\tview\t").itemId())
        .hasSize(256);
    assertThat(rejected(tsv(), "u1\t" + "\u00e9".repeat(257) + "\t1400000000\tview\t").reason())
        .isEqualTo(DeadLetterReason.ID_TOO_LONG);
    assertThat(accepted(tsv(), "u1\t" + "i".repeat(512) + "\t1400000000\tview\t").itemId())
        .hasSize(512);

    DeadLetter json =
        rejected(
            EventLineParser.forJson(EventSchema.DEFAULT),
            "{\"user_id\":\"u1\",\"item_id\":\"" + "i".repeat(40_000) + "\",\"ts\":1400000000}");
    assertThat(json.reason()).isEqualTo(DeadLetterReason.ID_TOO_LONG);
    assertThat(json.detail()).contains("item_id");
  }

  @Test
  void timestampsWithSuffixesOrControlCharactersAreRejected() {
    for (String ts :
        List.of(
            "1396437466\u0000",
            "1396437466d",
            "1396437466f",
            "1396437466D",
            "0x1p30",
            "Infinity",
            "NaN",
            "1396437466\u0001",
            "+1396437466",
            "1_396_437_466",
            "\u0661\u0663\u0669\u0666")) {
      assertThat(rejected(tsv(), "u1\ti1\t" + ts + "\tview\t").reason())
          .as(ts)
          .isEqualTo(DeadLetterReason.BAD_TIMESTAMP);
      assertThatThrownBy(() -> EventLineParser.parseTime(ts, TimestampUnit.AUTO))
          .as(ts)
          .isInstanceOf(IllegalArgumentException.class);
    }
    EventLineParser json = EventLineParser.forJson(EventSchema.DEFAULT);
    assertThat(
            rejected(json, "{\"user_id\":\"u\",\"item_id\":\"i\",\"ts\":\"1396437466d\"}").reason())
        .isEqualTo(DeadLetterReason.BAD_TIMESTAMP);
    assertThat(
            rejected(json, "{\"user_id\":\"u\",\"item_id\":\"i\",\"ts\":\"1396437466\\u0000\"}")
                .reason())
        .isEqualTo(DeadLetterReason.BAD_TIMESTAMP);

    // what stays accepted: integers, fractions, exponents (JSON numbers), ISO instants, surrounding
    // blanks
    assertThat(accepted(tsv(), "u1\ti1\t1396437466.94\tview\t").eventTimeMs())
        .isEqualTo(1_396_437_466_940L);
    assertThat(accepted(tsv(), "u1\ti1\t 1396437466 \tview\t").eventTimeMs())
        .isEqualTo(1_396_437_466_000L);
    assertThat(accepted(tsv(), "u1\ti1\t1.396437466E9\tview\t").eventTimeMs())
        .isEqualTo(1_396_437_466_000L);
    assertThat(accepted(tsv(), "u1\ti1\t2014-04-02T11:17:46Z\tview\t").eventTimeMs())
        .isEqualTo(1_396_437_466_000L);
    assertThat(
            accepted(json, "{\"user_id\":\"u\",\"item_id\":\"i\",\"ts\":1396437466.5}")
                .eventTimeMs())
        .isEqualTo(1_396_437_466_500L);
    assertThat(
            accepted(json, "{\"user_id\":\"u\",\"item_id\":\"i\",\"ts\":1.3964374665E12}")
                .eventTimeMs())
        .isEqualTo(1_396_437_466_500L);
  }

  @Test
  void jsonLinesMustHoldExactlyOneObjectWithDistinctKeys() {
    EventLineParser json = EventLineParser.forJson(EventSchema.DEFAULT);
    String good = "{\"user_id\":\"u\",\"item_id\":\"i\",\"ts\":1400000000}";
    assertThat(accepted(json, good).userId()).isEqualTo("u");
    assertThat(accepted(json, good + "  ").userId()).as("trailing blanks are fine").isEqualTo("u");

    assertThat(rejected(json, good + " trailing").reason())
        .isEqualTo(DeadLetterReason.TRAILING_CONTENT);
    assertThat(rejected(json, good + "{\"x\":1}").reason())
        .isEqualTo(DeadLetterReason.TRAILING_CONTENT);
    assertThat(rejected(json, good + "}").reason()).isEqualTo(DeadLetterReason.TRAILING_CONTENT);
    assertThat(rejected(json, good + " 5").reason()).isEqualTo(DeadLetterReason.TRAILING_CONTENT);
    DeadLetter dup =
        rejected(json, "{\"user_id\":\"u\",\"item_id\":\"i\",\"ts\":1400000000,\"user_id\":\"v\"}");
    assertThat(dup.reason()).isEqualTo(DeadLetterReason.DUPLICATE_KEY);
    assertThat(dup.detail()).contains("user_id");
    assertThat(
            rejected(
                    json,
                    "{\"user_id\":\"u\",\"item_id\":\"i\",\"ts\":1400000000,\"x\":{\"a\":1,\"a\":2}}")
                .reason())
        .as("nested objects too")
        .isEqualTo(DeadLetterReason.DUPLICATE_KEY);
    assertThat(rejected(json, "{\"user_id\":\"u\",\"item_id\":\"i\"").reason())
        .isEqualTo(DeadLetterReason.MALFORMED_JSON);
  }

  @Test
  void idsWithControlCharactersOrUnpairedSurrogatesAreRejected() {
    EventLineParser json = EventLineParser.forJson(EventSchema.DEFAULT);
    for (String id :
        List.of("u\\u0000", "\\ud800", "a\\udc00b", "u\\u001b[31m", "u\\u0085", "u\\nv")) {
      DeadLetter d =
          rejected(json, "{\"user_id\":\"" + id + "\",\"item_id\":\"i\",\"ts\":1400000000}");
      assertThat(d.reason()).as(id).isEqualTo(DeadLetterReason.BAD_ID_CHARACTER);
      assertThat(d.detail()).as(id).contains("user_id").contains("U+");
    }
    assertThat(
            rejected(json, "{\"user_id\":\"u\",\"item_id\":\"i\\u0000\",\"ts\":1400000000}")
                .reason())
        .isEqualTo(DeadLetterReason.BAD_ID_CHARACTER);
    assertThat(
            rejected(
                    json,
                    "{\"user_id\":\"u\",\"item_id\":\"i\",\"ts\":1400000000,\"session_id\":\"s\\u0000\"}")
                .reason())
        .isEqualTo(DeadLetterReason.BAD_ID_CHARACTER);
    assertThat(rejected(tsv(), "u\u0000\ti1\t1400000000\tview\t").reason())
        .isEqualTo(DeadLetterReason.BAD_ID_CHARACTER);
    // a surrogate pair is one character (an emoji), not a lone surrogate
    assertThat(
            accepted(json, "{\"user_id\":\"\\ud83d\\ude00\",\"item_id\":\"i\",\"ts\":1400000000}")
                .userId())
        .isEqualTo("\ud83d\ude00");
  }

  @Test
  void aTruncatedGzipKeepsItsReadableLinesAndEndsInOneDeadLetter() throws IOException {
    // two gzip members (as `cat a.gz b.gz` makes), the last one cut in half
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    whole.writeBytes(gzip(eventLines(0, 2_000, true)));
    byte[] second = gzip(eventLines(2_000, 4_000, false));
    whole.writeBytes(Arrays.copyOf(second, second.length / 2));
    Path file = dir.resolve("events.tsv.gz");
    Files.write(file, whole.toByteArray());
    List<Event> events = new ArrayList<>();
    List<DeadLetter> dead = new ArrayList<>();

    ReadStats stats = new EventFileReader(EventSchema.DEFAULT).read(file, events::add, dead::add);

    assertThat(dead).hasSize(1);
    DeadLetter d = dead.get(0);
    assertThat(d.reason()).isEqualTo(DeadLetterReason.DAMAGED_GZIP);
    assertThat(d.source()).endsWith("events.tsv.gz");
    // line 1 is the header, the first member holds lines 2..2001, the damage is somewhere in the
    // second
    assertThat(d.position()).isBetween(2_002L, 4_001L);
    assertThat(events).as("every line before the damaged one").hasSize((int) d.position() - 2);
    assertThat(events.get(events.size() - 1).userId()).isEqualTo("u" + (d.position() - 3));
    assertThat(stats.accepted()).isEqualTo(events.size());
  }

  @Test
  void aGzipCutInsideItsHeaderIsOneDeadLetterAtLineOne() throws IOException {
    byte[] gz = gzip(eventLines(0, 10, true));
    Path file = dir.resolve("events.tsv.gz");
    Files.write(file, Arrays.copyOf(gz, 12));
    List<DeadLetter> dead = new ArrayList<>();

    new EventFileReader(EventSchema.DEFAULT).read(file, e -> {}, dead::add);

    assertThat(dead)
        .extracting(DeadLetter::reason, DeadLetter::position)
        .containsExactly(tuple(DeadLetterReason.DAMAGED_GZIP, 1L));
  }

  @Test
  void hiddenAndTemporaryFilesAndFoldersUnderADirectoryAreSkipped() throws IOException {
    String data = "user_id\titem_id\tts\nu\ti\t1400000000\n";
    Files.writeString(dir.resolve("a.tsv"), data);
    Files.createDirectories(dir.resolve(".staging"));
    Files.writeString(dir.resolve(".staging/f.tsv"), data);
    Files.createDirectories(dir.resolve("_temporary/0"));
    Files.writeString(dir.resolve("_temporary/0/part-0.tsv"), data);
    Files.writeString(dir.resolve(".b.tsv"), data);
    Files.writeString(dir.resolve("_c.tsv"), data);
    Files.createDirectories(dir.resolve("2014/07"));
    Files.writeString(dir.resolve("2014/07/d.tsv"), data);

    assertThat(InputFiles.list(dir))
        .containsExactly(dir.resolve("2014/07/d.tsv"), dir.resolve("a.tsv"));
    // a file named on its own is read whatever its name: the user chose it
    assertThat(InputFiles.list(dir.resolve(".staging/f.tsv")))
        .containsExactly(dir.resolve(".staging/f.tsv"));
  }

  @Test
  void catalogueFieldsHaveLimitsToo() throws IOException {
    Path file = dir.resolve("items.tsv");
    Files.writeString(
        file,
        "item_id\ttitle\tbrand\tcategory\n"
            + "i1\tGood\tAcme\tBeauty > Nails\n"
            + "i".repeat(40_000)
            + "\tLong id\t\t\n" // 3
            + "i3\t"
            + "t".repeat(4_001)
            + "\t\t\n" // 4
            + "i4\tT\t"
            + "b".repeat(257)
            + "\t\n" // 5
            + "i5\tT\t\t"
            + "c".repeat(1_001)
            + "\n" // 6
            + "i\u00016\tT\t\t\n" // 7
            + "i7\t"
            + "t".repeat(4_000)
            + "\t\t\n");
    List<Item> items = new ArrayList<>();
    List<DeadLetter> dead = new ArrayList<>();

    new ItemFileReader().read(file, items::add, dead::add);

    assertThat(items).extracting(Item::id).containsExactly("i1", "i7");
    assertThat(dead)
        .extracting(DeadLetter::position, DeadLetter::reason)
        .containsExactly(
            tuple(3L, DeadLetterReason.ID_TOO_LONG),
            tuple(4L, DeadLetterReason.FIELD_TOO_LONG),
            tuple(5L, DeadLetterReason.FIELD_TOO_LONG),
            tuple(6L, DeadLetterReason.FIELD_TOO_LONG),
            tuple(7L, DeadLetterReason.BAD_ID_CHARACTER));
    assertThat(dead.get(1).detail()).contains("title").contains("4,001");
  }

  @Test
  void everyReasonCodeIsDocumented() throws IOException {
    Path doc = Path.of("..", "docs", "data-formats.md");
    String text = Files.readString(doc);
    for (DeadLetterReason r : DeadLetterReason.values()) {
      assertThat(text).as(r.name()).contains("| `" + r.name() + "` |");
    }
  }

  /** Lines {@code from..to-1} of an event file, each with its own user {@code u<n>}. */
  static String eventLines(int from, int to, boolean header) {
    StringBuilder sb = new StringBuilder(header ? "user_id\titem_id\tts\ttype\n" : "");
    for (int i = from; i < to; i++) {
      sb.append("u")
          .append(i)
          .append("\ti")
          .append(i % 50)
          .append('\t')
          .append(1_400_000_000L + i)
          .append("\tview\n");
    }
    return sb.toString();
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(b)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return b.toByteArray();
  }
}
