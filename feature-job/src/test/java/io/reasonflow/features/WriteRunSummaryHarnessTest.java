package io.reasonflow.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.Event;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.common.store.SummaryEventTypes;
import io.reasonflow.common.store.SummaryShoppers;
import io.reasonflow.features.flink.CountEventTypes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A detached backfill's summary under Flink's operator harness: two subtasks' {@link
 * CountEventTypes} tallies and their item, pair and profile counts, gathered by {@link
 * WriteRunSummary} into a summary.json that records the event types and the shoppers (what the
 * reason job reads).
 */
class WriteRunSummaryHarnessTest {
  @TempDir Path dir;

  /** One {@link CountEventTypes} subtask's tallies for {@code types}. */
  static List<Tuple2<String, Long>> tallies(EventType... types) throws Exception {
    try (var h =
        new OneInputStreamOperatorTestHarness<Event, Tuple2<String, Long>>(new CountEventTypes())) {
      h.open();
      long t = 0;
      for (EventType type : types) {
        h.processElement(new Event("u", "i" + t, type, t, null, null), t++);
      }
      h.endInput();
      return new ArrayList<>(h.extractOutputValues());
    }
  }

  @Test
  void countsEachSubtasksEventsByType() throws Exception {
    assertThat(tallies(EventType.PURCHASE, EventType.VIEW, EventType.VIEW))
        .containsExactly(
            Tuple2.of(CountEventTypes.label(EventType.VIEW), 2L),
            Tuple2.of(CountEventTypes.label(EventType.PURCHASE), 1L));
    assertThat(tallies()).as("a subtask that parsed nothing tells nothing").isEmpty();
  }

  @Test
  void writesTheSubtasksEventTypesWithTheCounts() throws Exception {
    FeatureLayout layout = new FeatureLayout(dir);
    List<Tuple2<String, Long>> in = new ArrayList<>();
    in.addAll(tallies(EventType.CART, EventType.VIEW));
    in.add(Tuple2.of(WriteRunSummary.ITEMS, 3L));
    in.addAll(tallies(EventType.REVIEW));
    in.add(Tuple2.of(WriteRunSummary.ITEMS, 4L));
    in.add(Tuple2.of(WriteRunSummary.PAIRS, 5L));
    in.add(Tuple2.of(WriteRunSummary.USERS, 6L)); // two profile subtasks
    in.add(Tuple2.of(WriteRunSummary.USERS, 0L));
    in.add(Tuple2.of(WriteRunSummary.USERS, 3L));
    try (var h =
        new OneInputStreamOperatorTestHarness<Tuple2<String, Long>, Void>(
            new WriteRunSummary(layout.summary(), 42L, System.currentTimeMillis()))) {
      h.open();
      for (Tuple2<String, Long> t : in) {
        h.processElement(t, 0);
      }
      h.endInput();
    }
    FeatureRunSummary s =
        JsonLines.MAPPER.readValue(layout.summary().toFile(), FeatureRunSummary.class);
    assertThat(s.items()).isEqualTo(7);
    assertThat(s.coViewPairs()).isEqualTo(5);
    assertThat(s.users()).as("the profiles the subtasks wrote").isEqualTo(9);
    assertThat(SummaryShoppers.read(layout)).hasValue(9);
    assertThat(s.modelVersion()).isEqualTo(42);
    assertThat(s.eventTypes()).containsExactly(EventType.VIEW, EventType.CART, EventType.REVIEW);
    assertThat(SummaryEventTypes.read(layout))
        .hasValueSatisfying(
            t -> assertThat(t).containsExactly(EventType.VIEW, EventType.CART, EventType.REVIEW));
  }

  @Test
  void aSummaryWrittenBeforeEventTypesWereRecordedStillLoads() throws Exception {
    FeatureRunSummary old =
        JsonLines.MAPPER.readValue(
            "{\"events\": 10, \"deadLetters\": 0, \"users\": 3, \"items\": 4, \"sessions\": 5,"
                + " \"coViewPairs\": 4, \"modelVersion\": 1, \"trainMillis\": 2, \"totalMillis\": 3}",
            FeatureRunSummary.class);
    assertThat(old.events()).isEqualTo(10);
    assertThat(old.eventTypes()).isEmpty();
  }
}
