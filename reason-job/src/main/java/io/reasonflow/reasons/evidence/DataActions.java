package io.reasonflow.reasons.evidence;

import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.common.store.SummaryEventTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event types the shoppers' data holds: what the shoppers behind a co-view figure did. The
 * Beauty data is reviews only, so its reasons say "reviewed", never "looked at". Read from the
 * backfill's run summary, which records them ({@link SummaryEventTypes}); only the output of a
 * backfill from before that has its profile snapshot read whole instead (9 s at 10M events, paid by
 * every subtask). Empty when neither is there (a stream of profile updates): reasons then use a
 * word true of any action.
 */
public final class DataActions {
  private static final Logger LOG = LoggerFactory.getLogger(DataActions.class);
  private static final Map<String, Set<EventType>> CACHE = new ConcurrentHashMap<>();

  private DataActions() {}

  /**
   * The event types of the data under {@code layout}, read once per output directory and JVM.
   *
   * @throws io.reasonflow.common.UserError naming summary.json when it is there but unreadable
   */
  public static Set<EventType> read(FeatureLayout layout) {
    return CACHE.computeIfAbsent(
        layout.root().toAbsolutePath().toString(),
        k -> {
          Optional<Set<EventType>> recorded = SummaryEventTypes.read(layout);
          if (recorded.isPresent()) {
            LOG.info(
                "event types of the shoppers' data: {}, from {}", recorded.get(), layout.summary());
            return recorded.get();
          }
          Path profiles = layout.profiles();
          if (!Files.exists(profiles)) { // one file, or the backfill's directory of parts
            LOG.info(
                "event types of the shoppers' data: unknown (no event types in {}, no profile"
                    + " snapshot): reasons use a word true of any action",
                layout.summary());
            return Set.of();
          }
          long start = System.nanoTime();
          Set<EventType> types = scan(profiles);
          LOG.info(
              String.format(
                  "event types of the shoppers' data: %s, read from every profile in %s (%.1f s):"
                      + " %s records none (a backfill from before they were recorded; running it"
                      + " again saves this scan)",
                  types, profiles, (System.nanoTime() - start) / 1e9, layout.summary()));
          return types;
        });
  }

  /** The event types of every recent item in {@code profiles}. */
  private static Set<EventType> scan(Path profiles) {
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
  }
}
