package io.reasonflow.common.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.reasonflow.common.model.Event;
import io.reasonflow.common.model.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional review-text column (issue 13, item 5): read from TSV, CSV and JSON lines when the
 * input has it, absent otherwise; a text no later stage should take is one dead letter between good
 * lines.
 */
class ReviewTextInputTest {
  @TempDir Path dir;

  private record Read(List<Event> events, List<DeadLetter> dead) {}

  private Read read(EventSchema schema, String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    List<Event> events = new ArrayList<>();
    List<DeadLetter> dead = new ArrayList<>();
    new EventFileReader(schema).read(f, events::add, dead::add);
    return new Read(events, dead);
  }

  @Test
  void tsvAndCsvWithTheColumnCarryTheText() throws IOException {
    Read tsv =
        read(
            EventSchema.DEFAULT,
            "r.tsv",
            "user_id\titem_id\tts\ttype\treview_text\n"
                + "u1\ti1\t1400000000\treview\tGreat tone, not loud enough though.\n"
                + "u2\ti1\t1400000001\treview\t  \n");
    assertThat(tsv.dead()).isEmpty();
    assertThat(tsv.events())
        .extracting(Event::userId, Event::text)
        .containsExactly(tuple("u1", "Great tone, not loud enough though."), tuple("u2", null));

    Read csv =
        read(
            EventSchema.DEFAULT,
            "r.csv",
            "review_text,user_id,item_id,ts\n"
                + "\"Strings hold tune, \"\"really\"\" well\",u1,i1,1400000000\n");
    assertThat(csv.events())
        .singleElement()
        .extracting(Event::text)
        .isEqualTo("Strings hold tune, \"really\" well");
  }

  @Test
  void jsonLinesReadTheConfiguredKeyAsTheInstrumentsDataNamesIt() throws IOException {
    EventSchema instruments =
        new EventSchema(
            "reviewerID",
            "asin",
            "unixReviewTime",
            null,
            null,
            TimestampUnit.SECONDS,
            EventType.REVIEW,
            "reviewText");
    Read r =
        read(
            instruments,
            "r.jsonl",
            "{\"reviewerID\":\"A1\",\"asin\":\"B1\",\"overall\":5.0,\"reviewText\":\"Line one.\\nLine"
                + " two.\",\"unixReviewTime\":1393545600}\n"
                + "{\"reviewerID\":\"A2\",\"asin\":\"B1\",\"unixReviewTime\":1393545600}\n");
    assertThat(r.dead()).isEmpty();
    assertThat(r.events())
        .extracting(Event::userId, Event::type, Event::text)
        .containsExactly(
            tuple("A1", EventType.REVIEW, "Line one.\nLine two."),
            tuple("A2", EventType.REVIEW, null));
  }

  @Test
  void severalTextColumnsAreJoinedOneLineEach() throws IOException {
    EventSchema both =
        new EventSchema(
            "user_id",
            "item_id",
            "ts",
            null,
            null,
            TimestampUnit.AUTO,
            EventType.REVIEW,
            "summary, review_text");
    Read r =
        read(
            both,
            "s.jsonl",
            "{\"user_id\":\"u1\",\"item_id\":\"i1\",\"ts\":1400000000,\"summary\":\"Great tone\","
                + "\"review_text\":\"Holds tune.\"}\n"
                + "{\"user_id\":\"u2\",\"item_id\":\"i1\",\"ts\":1400000000,\"summary\":\" \"}\n");
    assertThat(r.events()).extracting(Event::text).containsExactly("Great tone\nHolds tune.", null);
  }

  @Test
  void inputsWithoutTheColumnReadAsBefore() throws IOException {
    Read r =
        read(
            EventSchema.DEFAULT, "e.tsv", "user_id\titem_id\tts\ttype\nu1\ti1\t1400000000\tview\n");
    assertThat(r.events()).singleElement().satisfies(e -> assertThat(e.text()).isNull());
    // and a schema with no text column ignores one the file has
    Read none =
        read(
            new EventSchema(
                "user_id", "item_id", "ts", "type", null, TimestampUnit.AUTO, EventType.VIEW),
            "t.tsv",
            "user_id\titem_id\tts\treview_text\nu1\ti1\t1400000000\tnice\n");
    assertThat(none.events()).singleElement().satisfies(e -> assertThat(e.text()).isNull());
  }

  @Test
  void textOverTheLimitOrWithControlCharactersIsDeadLetteredBetweenGoodLines() throws IOException {
    String tooLong = "a".repeat(FieldLimits.MAX_TEXT_CHARS + 1);
    Read r =
        read(
            EventSchema.DEFAULT,
            "bad.jsonl",
            "{\"user_id\":\"u1\",\"item_id\":\"i1\",\"ts\":1400000000,\"review_text\":\"ok\"}\n"
                + "{\"user_id\":\"u2\",\"item_id\":\"i1\",\"ts\":1400000000,\"review_text\":\""
                + tooLong
                + "\"}\n"
                + "{\"user_id\":\"u3\",\"item_id\":\"i1\",\"ts\":1400000000,\"review_text\":\"a\\u0000b\"}\n"
                + "{\"user_id\":\"u4\",\"item_id\":\"i1\",\"ts\":1400000000,\"review_text\":\"\\ud800\"}\n"
                + "{\"user_id\":\"u5\",\"item_id\":\"i1\",\"ts\":1400000000,\"review_text\":\"tab\\there\"}\n");
    assertThat(r.events()).extracting(Event::userId).containsExactly("u1", "u5");
    assertThat(r.dead())
        .extracting(DeadLetter::position, DeadLetter::reason)
        .containsExactly(
            tuple(2L, DeadLetterReason.FIELD_TOO_LONG),
            tuple(3L, DeadLetterReason.BAD_TEXT_CHARACTER),
            tuple(4L, DeadLetterReason.BAD_TEXT_CHARACTER));
    assertThat(r.dead().get(0).detail()).contains("review_text").contains("20,001");
    assertThat(r.dead().get(1).detail()).contains("U+0000");
  }

  @Test
  void theFeatureJobDropsTheText() {
    Event e = new Event("u", "i", EventType.REVIEW, 1L, null, "words");
    assertThat(e.withoutText()).isEqualTo(new Event("u", "i", EventType.REVIEW, 1L));
  }
}
