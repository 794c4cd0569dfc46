package io.reasonflow.reasons.evidence;

import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.JsonLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event types the shoppers' data holds, read from the profile snapshot: what the shoppers
 * behind a co-view figure did. The Beauty data is reviews only, so its reasons say "reviewed",
 * never "looked at". Empty when there is no snapshot (a stream of profile updates): reasons then
 * use a word true of any action.
 */
public final class DataActions {
  private static final Map<String, Set<EventType>> CACHE = new ConcurrentHashMap<>();

  private DataActions() {}

  /**
   * The event types of every recent item in {@code profiles.jsonl.gz}, read once per file and run.
   */
  public static Set<EventType> read(Path profiles) {
    if (!Files.exists(profiles)) { // one file, or the backfill's directory of parts
      return Set.of();
    }
    return CACHE.computeIfAbsent(
        profiles.toAbsolutePath().toString(),
        k -> {
          Set<EventType> types = EnumSet.noneOf(EventType.class);
          JsonLines.forEach(
              profiles,
              UserProfile.class,
              p -> {
                for (Anchor a : p.recent()) {
                  types.add(a.type());
                }
              });
          return EventType.inOrder(types);
        });
  }
}
