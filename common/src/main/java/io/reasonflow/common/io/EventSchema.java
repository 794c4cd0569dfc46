package io.reasonflow.common.io;

import io.reasonflow.common.model.EventType;
import java.io.Serializable;
import java.util.Objects;

/**
 * Where an event's fields are in an input: column names for TSV/CSV (matched against the header),
 * key names for JSON lines. Immutable; built from configuration keys {@code input.*}.
 *
 * @param userField column or key of the user id
 * @param itemField column or key of the item id
 * @param timeField column or key of the event time
 * @param typeField column or key of the event type, or {@code null} when the input has none
 * @param sessionField column or key of the session id, or {@code null} when the input has none
 * @param timestampUnit unit of numeric timestamps
 * @param defaultType type of events when {@code typeField} is null or absent from the header
 * @param textField column or key of the review text, or {@code null}; optional in the input too (a
 *     file without it reads as before, its events without text). Several names separated by commas
 *     ({@code summary,reviewText}) are read in that order and joined, one line each
 */
public record EventSchema(
    String userField,
    String itemField,
    String timeField,
    String typeField,
    String sessionField,
    TimestampUnit timestampUnit,
    EventType defaultType,
    String textField)
    implements Serializable {

  /** The Beauty layout ({@code user_id item_id ts type}), epoch seconds detected automatically. */
  public static final EventSchema DEFAULT =
      new EventSchema(
          "user_id",
          "item_id",
          "ts",
          "type",
          "session_id",
          TimestampUnit.AUTO,
          EventType.VIEW,
          "review_text");

  public EventSchema {
    Objects.requireNonNull(userField, "userField");
    Objects.requireNonNull(itemField, "itemField");
    Objects.requireNonNull(timeField, "timeField");
    Objects.requireNonNull(timestampUnit, "timestampUnit");
    Objects.requireNonNull(defaultType, "defaultType");
  }

  /** The review-text columns, in order; empty when there is none. */
  public java.util.List<String> textFields() {
    if (textField == null || textField.isBlank()) {
      return java.util.List.of();
    }
    return java.util.Arrays.stream(textField.split(","))
        .map(String::strip)
        .filter(x -> !x.isEmpty())
        .toList();
  }

  /** A schema without a review-text column (the layouts before review text was read). */
  public EventSchema(
      String userField,
      String itemField,
      String timeField,
      String typeField,
      String sessionField,
      TimestampUnit timestampUnit,
      EventType defaultType) {
    this(
        userField, itemField, timeField, typeField, sessionField, timestampUnit, defaultType, null);
  }
}
