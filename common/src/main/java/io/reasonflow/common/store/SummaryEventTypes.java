package io.reasonflow.common.store;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.reasonflow.common.UserError;
import io.reasonflow.common.model.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The event types a backfill recorded in its run summary ({@link FeatureLayout#summary()}, field
 * {@value #FIELD}): what the reason job needs to know of the shoppers' data without reading the
 * profile snapshot. Read as a JSON tree, not as the feature job's summary record, so readers need
 * no feature-job classes and ignore every other field.
 */
public final class SummaryEventTypes {
  /** The summary's field: type names ({@link EventType#name()}) in declaration order. */
  public static final String FIELD = "eventTypes";

  private SummaryEventTypes() {}

  /**
   * The event types recorded under {@code layout}, in declaration order; empty when there is no
   * summary or it records none (written before backfills recorded them, or a run that kept no
   * events): the caller then has to learn them some other way.
   *
   * @throws UserError naming the file and the fix when the summary is there but not one a backfill
   *     writes (not JSON, or the field is not a list of type names)
   */
  public static Optional<Set<EventType>> read(FeatureLayout layout) {
    Path file = layout.summary();
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = JsonLines.MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw malformed(file, oneLine(e.getOriginalMessage()) + where(e.getLocation()), e);
    } catch (IOException e) {
      throw new UserError(
          "cannot read the backfill's run summary " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw malformed(file, "not a JSON object", null);
    }
    JsonNode types = root.get(FIELD);
    if (types == null || types.isNull()) {
      return Optional.empty();
    }
    if (!types.isArray()) {
      throw malformed(file, FIELD + " is not a list of event types", null);
    }
    Set<EventType> out = EnumSet.noneOf(EventType.class);
    for (JsonNode t : types) {
      EventType type = t.isTextual() ? byName(t.asText()) : null;
      if (type == null) {
        throw malformed(file, FIELD + " holds " + t + ", not an event type", null);
      }
      out.add(type);
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(EventType.inOrder(out));
  }

  /** The type of that exact name (as a backfill writes it), or null. */
  private static EventType byName(String name) {
    try {
      return EventType.valueOf(name);
    } catch (IllegalArgumentException notAType) {
      return null;
    }
  }

  private static UserError malformed(Path file, String problem, Throwable cause) {
    return new UserError(
        "the backfill's run summary "
            + file
            + " is not readable ("
            + problem
            + "): run the feature job's backfill again to rewrite it",
        cause);
  }

  private static String where(JsonLocation at) {
    return at == null || at.getLineNr() < 1
        ? ""
        : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  /** Jackson's messages may run over several lines; the user gets one. */
  private static String oneLine(String s) {
    return s == null ? "not JSON" : s.strip().replaceAll("\\s+", " ");
  }
}
