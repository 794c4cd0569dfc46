package io.reasonflow.common.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.reasonflow.common.UserError;
import io.reasonflow.common.model.Event;
import io.reasonflow.common.model.EventType;
import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns one raw line into an {@link Event} or a {@link DeadLetter}. A parser is bound to one file's
 * header (for TSV/CSV) so columns are found by name; it is serializable so a Flink operator can
 * carry it.
 */
public final class EventLineParser implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Events before 1990 or after 2100 are clock errors, not history. */
  static final long MIN_TIME_MS = 631_152_000_000L;

  static final long MAX_TIME_MS = 4_102_444_800_000L;

  /**
   * A numeric timestamp: ASCII digits, an optional fraction and exponent (JSON's number grammar,
   * leading zeros allowed). Checked before {@link Double#parseDouble}, which would also take {@code
   * 1396437466d}, {@code f} suffixes, hex floats and trailing control characters such as NUL (it
   * trims everything up to U+0020).
   */
  static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private final EventSchema schema;
  private final RecordFormat format;
  private final int columns;
  private final int userCol;
  private final int itemCol;
  private final int timeCol;
  private final int typeCol;
  private final int sessionCol;
  private final int[] textCols;
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
    this.textCols = schema.textFields().stream().mapToInt(header::indexOf).toArray();
  }

  /**
   * A parser for a TSV/CSV file whose first line is {@code header}.
   *
   * @throws UserError when the header lacks a required column (names the column and the config key
   *     that sets it)
   */
  public static EventLineParser forHeader(EventSchema schema, RecordFormat format, RawLine header) {
    if (format == RecordFormat.JSONL) {
      return forJson(schema);
    }
    String text =
        header
            .decodeStrict()
            .orElseThrow(
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
      throw new UserError(
          source
              + " has no column '"
              + name
              + "' (its header: "
              + String.join(", ", cols)
              + "); set "
              + key
              + " to the column that holds it");
    }
  }

  public RecordFormat format() {
    return format;
  }

  public ParseResult<Event> parse(RawLine line) {
    if (line.damage() != null) {
      return new ParseResult.Rejected<>(DeadLetter.damaged(line));
    }
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
      return reject(
          DeadLetterReason.WRONG_COLUMN_COUNT,
          f.size() + " columns, header has " + columns,
          line,
          text);
    }
    return build(
        f.get(userCol),
        f.get(itemCol),
        f.get(timeCol),
        typeCol < 0 ? null : f.get(typeCol),
        sessionCol < 0 ? null : f.get(sessionCol),
        joinText(java.util.Arrays.stream(textCols).mapToObj(i -> i < 0 ? null : f.get(i)).toList()),
        line,
        text);
  }

  private ParseResult<Event> parseJson(String text, RawLine line) {
    JsonNode node;
    if (json == null) {
      json = strictJson();
    }
    try (JsonParser p = json.createParser(text)) {
      try {
        node = json.readTree(p);
      } catch (StreamReadException e) {
        // STRICT_DUPLICATE_DETECTION's only signal is this message (a JsonParseException like any
        // syntax error)
        String m = e.getOriginalMessage();
        return m != null && m.startsWith("Duplicate field")
            ? reject(DeadLetterReason.DUPLICATE_KEY, m, line, text)
            : reject(DeadLetterReason.MALFORMED_JSON, firstLine(m), line, text);
      }
      if (node == null || !node.isObject()) {
        return reject(DeadLetterReason.MALFORMED_JSON, "not a JSON object", line, text);
      }
      // What DeserializationFeature.FAIL_ON_TRAILING_TOKENS checks, done here so that text after
      // the object is one code whatever it is: that feature reports `{..} x` as a syntax error and
      // only `{..}{..}` as trailing.
      try {
        if (p.nextToken() != null) {
          return reject(
              DeadLetterReason.TRAILING_CONTENT,
              "text after the object at character "
                  + (p.currentTokenLocation().getCharOffset() + 1),
              line,
              text);
        }
      } catch (StreamReadException e) {
        return reject(
            DeadLetterReason.TRAILING_CONTENT,
            "text after the object: " + firstLine(e.getOriginalMessage()),
            line,
            text);
      }
    } catch (Exception e) {
      return reject(DeadLetterReason.MALFORMED_JSON, firstLine(e.getMessage()), line, text);
    }
    return build(
        field(node, schema.userField()),
        field(node, schema.itemField()),
        field(node, schema.timeField()),
        schema.typeField() == null ? null : field(node, schema.typeField()),
        schema.sessionField() == null ? null : field(node, schema.sessionField()),
        joinText(schema.textFields().stream().map(k -> field(node, k)).toList()),
        line,
        text);
  }

  /**
   * The review text from its fields (a headline and a body, say), non-blank ones joined by a line
   * break so each reads as a sentence of its own; null when all are blank or absent.
   */
  private static String joinText(List<String> parts) {
    List<String> present =
        parts.stream().filter(x -> x != null && !x.isBlank()).map(String::strip).toList();
    return present.isEmpty() ? null : String.join("\n", present);
  }

  /**
   * Jackson set to refuse what a lenient reader would guess at: a key given twice (anywhere in the
   * line).
   */
  private static ObjectMapper strictJson() {
    return JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  }

  /**
   * A field's text; numbers in plain notation, so a JSON {@code 1.3964374665E12} reads as the time
   * it is.
   */
  private static String field(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    return v.isFloatingPointNumber() ? v.decimalValue().toPlainString() : v.asText();
  }

  private ParseResult<Event> build(
      String user,
      String item,
      String time,
      String type,
      String session,
      String review,
      RawLine line,
      String text) {
    if (user == null || user.isBlank()) {
      return reject(
          DeadLetterReason.MISSING_FIELD, "'" + schema.userField() + "' is empty", line, text);
    }
    if (item == null || item.isBlank()) {
      return reject(
          DeadLetterReason.MISSING_FIELD, "'" + schema.itemField() + "' is empty", line, text);
    }
    if (time == null || time.isBlank()) {
      return reject(
          DeadLetterReason.MISSING_FIELD, "'" + schema.timeField() + "' is empty", line, text);
    }
    String userId = user.strip();
    String itemId = item.strip();
    String sessionId = session == null || session.isBlank() ? null : session.strip();
    Optional<FieldLimits.Violation> bad =
        FieldLimits.checkId(schema.userField(), userId)
            .or(() -> FieldLimits.checkId(schema.itemField(), itemId))
            .or(
                () ->
                    sessionId == null
                        ? Optional.empty()
                        : FieldLimits.checkId(schema.sessionField(), sessionId));
    if (bad.isEmpty() && review != null) {
      bad = FieldLimits.checkText(schema.textField(), review);
    }
    if (bad.isPresent()) {
      return reject(bad.get().reason(), bad.get().detail(), line, text);
    }
    long ms;
    try {
      ms = parseTime(time.strip(), schema.timestampUnit());
    } catch (IllegalArgumentException e) {
      return reject(
          DeadLetterReason.BAD_TIMESTAMP,
          "'" + schema.timeField() + "' = " + FieldLimits.quote(time),
          line,
          text);
    }
    if (ms < MIN_TIME_MS || ms > MAX_TIME_MS) {
      return reject(
          DeadLetterReason.BAD_TIMESTAMP,
          "'" + schema.timeField() + "' = " + FieldLimits.quote(time) + " is outside 1990..2100",
          line,
          text);
    }
    EventType et = schema.defaultType();
    if (type != null && !type.isBlank()) {
      Optional<EventType> parsed = EventType.parse(type);
      if (parsed.isEmpty()) {
        return reject(
            DeadLetterReason.BAD_EVENT_TYPE,
            "'" + schema.typeField() + "' = " + FieldLimits.quote(type),
            line,
            text);
      }
      et = parsed.get();
    }
    return ParseResult.ok(
        new Event(userId, itemId, et, ms, sessionId, review == null ? null : review.strip()));
  }

  /**
   * Epoch milliseconds from a numeric timestamp (seconds or milliseconds; ASCII digits, fractions
   * and exponents allowed, nothing else) or an ISO-8601 instant such as {@code
   * 2014-07-01T10:00:00Z}.
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
      if (!NUMBER.matcher(s).matches()) {
        throw new IllegalArgumentException("not a number: " + FieldLimits.quote(s));
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

  private static ParseResult<Event> reject(
      DeadLetterReason reason, String detail, RawLine line, String raw) {
    return ParseResult.rejected(reason, detail, line.source(), line.lineNumber(), raw);
  }
}
