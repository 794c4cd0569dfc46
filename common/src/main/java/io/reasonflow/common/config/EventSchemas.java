package io.reasonflow.common.config;

import io.reasonflow.common.io.EventSchema;
import io.reasonflow.common.io.TimestampUnit;
import io.reasonflow.common.model.EventType;

/** Builds the {@link EventSchema} from the {@code input.*} keys. */
public final class EventSchemas {
  private EventSchemas() {}

  public static EventSchema from(Config c) {
    TimestampUnit unit;
    try {
      unit = TimestampUnit.parse(c.string("input.timestamp-unit"));
    } catch (IllegalArgumentException e) {
      throw c.bad("input.timestamp-unit", "is not seconds, millis or auto");
    }
    EventType defaultType =
        EventType.parse(c.string("input.default-type"))
            .orElseThrow(
                () -> c.bad("input.default-type", "is not view, click, cart, purchase or review"));
    return new EventSchema(
        required(c, "input.columns.user"),
        required(c, "input.columns.item"),
        required(c, "input.columns.time"),
        c.optionalString("input.columns.type"),
        c.optionalString("input.columns.session"),
        unit,
        defaultType,
        c.optionalString("input.columns.text"));
  }

  private static String required(Config c, String key) {
    String v = c.optionalString(key);
    if (v == null) {
      throw c.bad(key, "must name a column");
    }
    return v;
  }
}
