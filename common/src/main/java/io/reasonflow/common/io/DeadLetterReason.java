package io.reasonflow.common.io;

/** Why a record was rejected. Codes are stable: dashboards and alerts key on them. */
public enum DeadLetterReason {
  EMPTY_LINE("the line is empty"),
  INVALID_UTF8("the line is not valid UTF-8"),
  WRONG_COLUMN_COUNT("the line does not have the header's number of columns"),
  MISSING_FIELD("a required field is missing or blank"),
  BAD_TIMESTAMP("the timestamp is not a number or is out of range"),
  BAD_EVENT_TYPE("the event type is not one of view, click, cart, purchase, review"),
  BAD_NUMBER("a numeric field is not a number"),
  MALFORMED_JSON("the record is not a JSON object"),
  LATE_EVENT("the event arrived after the allowed lateness");

  private final String description;

  DeadLetterReason(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
