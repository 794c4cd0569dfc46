package io.reasonflow.common.io;

/**
 * Why a record was rejected. Codes are stable: dashboards and alerts key on them, so a new code is
 * appended and an existing one is never renamed. docs/data-formats.md lists them all.
 */
public enum DeadLetterReason {
  EMPTY_LINE("the line is empty"),
  INVALID_UTF8("the line is not valid UTF-8"),
  WRONG_COLUMN_COUNT("the line does not have the header's number of columns"),
  MISSING_FIELD("a required field is missing or blank"),
  BAD_TIMESTAMP("the timestamp is not a number or is out of range"),
  BAD_EVENT_TYPE("the event type is not one of view, click, cart, purchase, review"),
  BAD_NUMBER("a numeric field is not a number"),
  MALFORMED_JSON("the record is not a JSON object"),
  LATE_EVENT("the event arrived after the allowed lateness"),
  ID_TOO_LONG(
      "a user, item or session id is longer than " + FieldLimits.MAX_ID_BYTES + " bytes in UTF-8"),
  BAD_ID_CHARACTER("an id holds a control character (such as \\u0000) or an unpaired surrogate"),
  FIELD_TOO_LONG(
      "a catalogue field (title, brand, category) or a review text is longer than its limit"),
  DUPLICATE_KEY("a JSON line names the same key twice"),
  TRAILING_CONTENT("a JSON line has more text after its object"),
  DAMAGED_GZIP(
      "a .gz file is cut short or corrupt from this line on; the lines before it were read"),
  BAD_TEXT_CHARACTER(
      "a review text holds a control character other than tab or line break, or an unpaired"
          + " surrogate");

  private final String description;

  DeadLetterReason(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
