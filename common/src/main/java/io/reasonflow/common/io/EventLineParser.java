package io.reasonflow.common.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reasonflow.common.UserError;
import io.reasonflow.common.model.Event;
import io.reasonflow.common.model.EventType;
import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Turns one raw line into an {@link Event} or a {@link DeadLetter}. A parser is bound to one file's header (for
 * TSV/CSV) so columns are found by name; it is serializable so a Flink operator can carry it.
 */
public final class EventLineParser implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Events before 1990 or after 2100 are clock errors, not history. */
  static final long MIN_TIME_MS = 631_152_000_000L;

  static final long MAX_TIME_MS = 4_102_444_800_000L;

  private final EventSchema schema;
  private final RecordFormat format;
  private final int columns;
  private final int userCol;
  private final int itemCol;
  private final int timeCol;
  private final int typeCol;
  private final int sessionCol;
  private transient ObjectMapper json;

  private EventLineParser(EventSchema schema, RecordFormat format, List<String> header) {
    this.schema = schema;
    this.format = format;
    this.columns = header.size();
    this.userCol = header.indexOf(schema.userField());
    this.itemCol = header.indexOf(schema.itemField());
    this.timeCol = header.indexOf(schema.timeField());
    this.typeCol = schema.typeField() == null ? -1 : header.indexOf(schema.typeField());
    this.sessionCol = schema.sessionField() == null ? -1 : header.indexOf(schema.sessionField());
  }

  /**
   * A parser for a TSV/CSV file whose first line is {@code header}.
   *
   * @throws UserError when the header lacks a required column (names the column and the config key that sets it)
   */
  public static EventLineParser forHeader(EventSchema schema, RecordFormat format, RawLine header) {
    if (format == RecordFormat.JSONL) {
      return forJson(schema);
    }
    String text = header.decodeStrict().orElseThrow(
        () -> new UserError("the header of " + header.source() + " is not valid UTF-8"));
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    List<String> cols = DelimitedLine.split(text, format).stream().map(String::strip).toList();
    requireColumn(cols, schema.userField(), "input.columns.user", header.source());
    requireColumn(cols, schema.itemField(), "input.columns.item", header.source());
    requireColumn(cols, schema.timeField(), "input.columns.time", header.source());
    return new EventLineParser(schema, format, cols);
  }

  public static EventLineParser forJson(EventSchema schema) {
    return new EventLineParser(schema, RecordFormat.JSONL, List.of());
  }

  private static void requireColumn(List<String> cols, String name, String key, String source) {
    if (!cols.contains(name)) {
      throw new UserError(source + " has no column '" + name + "' (its header: " + String.join(", ", cols)
          + "); set " + key + " to the column that holds it");
    }
  }

  public RecordFormat format() {
    return format;
  }

  public ParseResult<Event> parse(RawLine line) {
    if (line.bytes().length == 0) {
      return reject(DeadLetterReason.EMPTY_LINE, "", line, "");
    }
    Optional<String> decoded = line.decodeStrict();
    if (decoded.isEmpty()) {
      return reject(DeadLetterReason.INVALID_UTF8, "", line, line.escaped());
    }
    String text = decoded.get();
    if (text.isBlank()) {
      return reject(DeadLetterReason.EMPTY_LINE, "", line, text);
    }
    return format == RecordFormat.JSONL ? parseJson(text, line) : parseDelimited(text, line);
  }

  private ParseResult<Event> parseDelimited(String text, RawLine line) {
    List<String> f = DelimitedLine.split(text, format);
    if (f.size() != columns) {
      return reject(DeadLetterReason.WRONG_COLUMN_COUNT, f.size() + " columns, header has " + columns, line, text);
    }
    return build(f.get(userCol), f.get(itemCol), f.get(timeCol), typeCol < 0 ? null : f.get(typeCol),
        sessionCol < 0 ? null : f.get(sessionCol), line, text);
  }

  private ParseResult<Event> parseJson(String text, RawLine line) {
    JsonNode node;
    try {
      if (json == null) {
        json = new ObjectMapper();
      }
      node = json.readTree(text);
    } catch (Exception e) {
      return reject(DeadLetterReason.MALFORMED_JSON, firstLine(e.getMessage()), line, text);
    }
    if (node == null || !node.isObject()) {
      return reject(DeadLetterReason.MALFORMED_JSON, "not a JSON object", line, text);
    }
    return build(field(node, schema.userField()), field(node, schema.itemField()), field(node, schema.timeField()),
        schema.typeField() == null ? null : field(node, schema.typeField()),
        schema.sessionField() == null ? null : field(node, schema.sessionField()), line, text);
  }

  private static String field(JsonNode node, String name) {
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }

  private ParseResult<Event> build(String user, String item, String time, String type, String session, RawLine line,
      String text) {
    if (user == null || user.isBlank()) {
      return reject(DeadLetterReason.MISSING_FIELD, "'" + schema.userField() + "' is empty", line, text);
    }
    if (item == null || item.isBlank()) {
      return reject(DeadLetterReason.MISSING_FIELD, "'" + schema.itemField() + "' is empty", line, text);
    }
    if (time == null || time.isBlank()) {
      return reject(DeadLetterReason.MISSING_FIELD, "'" + schema.timeField() + "' is empty", line, text);
    }
    long ms;
    try {
      ms = parseTime(time.strip(), schema.timestampUnit());
    } catch (IllegalArgumentException e) {
      return reject(DeadLetterReason.BAD_TIMESTAMP, "'" + schema.timeField() + "' = '" + time + "'", line, text);
    }
    if (ms < MIN_TIME_MS || ms > MAX_TIME_MS) {
      return reject(DeadLetterReason.BAD_TIMESTAMP,
          "'" + schema.timeField() + "' = '" + time + "' is outside 1990..2100", line, text);
    }
    EventType et = schema.defaultType();
    if (type != null && !type.isBlank()) {
      Optional<EventType> parsed = EventType.parse(type);
      if (parsed.isEmpty()) {
        return reject(DeadLetterReason.BAD_EVENT_TYPE, "'" + schema.typeField() + "' = '" + type + "'", line, text);
      }
      et = parsed.get();
    }
    return ParseResult.ok(new Event(user.strip(), item.strip(), et, ms, session == null ? null : session.strip()));
  }

  /**
   * Epoch milliseconds from a numeric timestamp (seconds or milliseconds, fractions allowed) or an ISO-8601
   * instant such as {@code 2014-07-01T10:00:00Z}.
   */
  public static long parseTime(String s, TimestampUnit unit) {
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty timestamp");
    }
    char c0 = s.charAt(0);
    if (Character.isDigit(c0) || c0 == '-' || c0 == '.') {
      if (s.length() > 10 && s.charAt(4) == '-') {
        return parseIso(s);
      }
      double v;
      try {
        v = Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a number: " + s, e);
      }
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("not finite: " + s);
      }
      TimestampUnit u = unit == TimestampUnit.AUTO ? TimestampUnit.resolve(v) : unit;
      return Math.round(u == TimestampUnit.SECONDS ? v * 1000.0 : v);
    }
    return parseIso(s);
  }

  private static long parseIso(String s) {
    try {
      return Instant.parse(s).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a timestamp: " + s, e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static ParseResult<Event> reject(DeadLetterReason reason, String detail, RawLine line, String raw) {
    return ParseResult.rejected(reason, detail, line.source(), line.lineNumber(), raw);
  }
}
