package io.reasonflow.common.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.reasonflow.common.UserError;
import io.reasonflow.common.model.EventType;
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
    Optional<JsonNode> root = SummaryFile.read(layout);
    if (root.isEmpty()) {
      return Optional.empty();
    }
    Path file = layout.summary();
    JsonNode types = root.get().get(FIELD);
    if (types == null || types.isNull()) {
      return Optional.empty();
    }
    if (!types.isArray()) {
      throw SummaryFile.malformed(file, FIELD + " is not a list of event types", null);
    }
    Set<EventType> out = EnumSet.noneOf(EventType.class);
    for (JsonNode t : types) {
      EventType type = t.isTextual() ? byName(t.asText()) : null;
      if (type == null) {
        throw SummaryFile.malformed(file, FIELD + " holds " + t + ", not an event type", null);
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
}
