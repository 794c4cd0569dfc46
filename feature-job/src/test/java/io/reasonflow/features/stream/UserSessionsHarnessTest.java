package io.reasonflow.features.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.io.DeadLetter;
import io.reasonflow.common.io.DeadLetterReason;
import io.reasonflow.common.model.Event;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.features.testing.OperatorMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/**
 * {@link UserSessions} alone under Flink's keyed operator harness: event-time timers, late events,
 * exact duplicates, the open-events cap, the bounded "seen before" sets, and a snapshot/restore in
 * the middle of open sessions. Settings: 10 minute session gap, 1 minute allowed lateness, so a
 * session whose last event is at {@code t} closes when the watermark reaches {@code t + 10m + 1m +
 * 1 ms}.
 */
class UserSessionsHarnessTest {
  static final long GAP = 600_000;
  static final long LATENESS = 60_000;
  static final String SOURCE = "kafka:events/0";

  static StreamSettings settings(String... overrides) {
    Map<String, String> m =
        new HashMap<>(
            Map.of(
                "features.session.gap", "10m",
                "features.watermark.allowed-lateness", "1m"));
    for (int i = 0; i < overrides.length; i += 2) {
      m.put(overrides[i], overrides[i + 1]);
    }
    return StreamSettings.from(Config.load(null, m));
  }

  /** When the session whose last event is at {@code t} closes. */
  static long closeTime(long t) {
    return t + GAP + LATENESS + 1;
  }

  static long offset;

  static StreamEvent ev(String user, String item, EventType type, long t) {
    return ev(user, item, type, t, null);
  }

  static StreamEvent ev(String user, String item, EventType type, long t, String session) {
    long position = offset++;
    return new StreamEvent(
        new Event(user, item, type, t, session),
        SOURCE,
        position,
        "{\"user_id\":\"" + user + "\",\"item_id\":\"" + item + "\",\"ts\":" + t + "}");
  }

  static StreamEvent view(String user, String item, long t) {
    return ev(user, item, EventType.VIEW, t);
  }

  static KeyedOneInputStreamOperatorTestHarness<String, StreamEvent, SessionEvents> harness(
      StreamSettings s, OperatorMetrics metrics) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new UserSessions(s)),
        se -> se.event().userId(),
        Types.STRING,
        metrics.environment());
  }

  static KeyedOneInputStreamOperatorTestHarness<String, StreamEvent, SessionEvents> opened(
      StreamSettings s, OperatorMetrics metrics) throws Exception {
    var h = harness(s, metrics);
    h.open();
    return h;
  }

  static void send(
      KeyedOneInputStreamOperatorTestHarness<String, StreamEvent, SessionEvents> h, StreamEvent se)
      throws Exception {
    h.processElement(se, se.event().eventTimeMs());
  }

  static <T> List<T> side(
      KeyedOneInputStreamOperatorTestHarness<String, StreamEvent, SessionEvents> h,
      OutputTag<T> tag) {
    Queue<StreamRecord<T>> q = h.getSideOutput(tag);
    List<T> out = new ArrayList<>();
    if (q != null) {
      q.forEach(r -> out.add(r.getValue()));
    }
    return out;
  }

  static List<Event> events(StreamEvent... ses) {
    List<Event> out = new ArrayList<>();
    for (StreamEvent se : ses) {
      out.add(se.event());
    }
    return out;
  }

  @Test
  void aSessionClosesOnlyOnceTheWatermarkIsPastItsLastEventPlusGapPlusLateness() throws Exception {
    OperatorMetrics metrics = new OperatorMetrics();
    try (var h = opened(settings(), metrics)) {
      StreamEvent a = view("u", "a", 0);
      StreamEvent b = view("u", "b", 60_000);
      send(h, a);
      send(h, b);
      assertThat(h.numEventTimeTimers()).as("one close timer per event time").isEqualTo(2);

      h.processWatermark(closeTime(b.event().eventTimeMs()) - 1);
      assertThat(h.extractOutputValues())
          .as("an on-time event could still join the session")
          .isEmpty();

      h.processWatermark(closeTime(b.event().eventTimeMs()));
      assertThat(h.extractOutputValues()).containsExactly(new SessionEvents("u", events(a, b)));
      assertThat(side(h, UserSessions.NEW_ITEMS)).containsExactly("a", "b");
      assertThat(side(h, UserSessions.NEW_PAIRS)).containsExactly(CoViewTable.key("a", "b"));
      assertThat(side(h, UserSessions.SESSION_ITEMS))
          .containsExactly(new SessionItems("u", 0, List.of("a", "b")));
      assertThat(h.numEventTimeTimers()).isZero();
      assertThat(metrics.count("sessions")).isEqualTo(1);
      assertThat(metrics.count("sessionsClosedEarly")).isZero();
    }
  }

  @Test
  void aGapLongerThanTheSessionGapStartsANewSessionThatClosesOnItsOwnTimer() throws Exception {
    OperatorMetrics metrics = new OperatorMetrics();
    try (var h = opened(settings(), metrics)) {
      StreamEvent a = view("u", "a", 0);
      StreamEvent b = view("u", "b", GAP); // exactly the gap: same session ("at most the gap")
      StreamEvent c =
          view("u", "c", 2 * GAP + 1); // one ms more than the gap after b: a new session
      send(h, a);
      send(h, c); // out of order within the out-of-orderness bound: the operator sorts
      send(h, b);

      h.processWatermark(closeTime(GAP));
      assertThat(h.extractOutputValues()).containsExactly(new SessionEvents("u", events(a, b)));

      h.processWatermark(closeTime(2 * GAP + 1));
      assertThat(h.extractOutputValues())
          .containsExactly(new SessionEvents("u", events(a, b)), new SessionEvents("u", events(c)));
      assertThat(side(h, UserSessions.NEW_PAIRS))
          .as("no pair across the session break")
          .containsExactly(CoViewTable.key("a", "b"));
      assertThat(metrics.count("sessions")).isEqualTo(2);
    }
  }

  @Test
  void aTrackerSessionIdChangeSplitsSessionsWithinTheGap() throws Exception {
    try (var h = opened(settings(), new OperatorMetrics())) {
      StreamEvent a = ev("u", "a", EventType.VIEW, 0, "s1");
      StreamEvent b = ev("u", "b", EventType.VIEW, 1_000, "s2");
      send(h, a);
      send(h, b);
      h.processWatermark(closeTime(1_000));
      // each closes on its own timer; the pair is not counted because they are two sessions
      assertThat(h.extractOutputValues())
          .containsExactly(new SessionEvents("u", events(a)), new SessionEvents("u", events(b)));
      assertThat(side(h, UserSessions.NEW_PAIRS)).isEmpty();
      assertThat(side(h, UserSessions.SESSION_ITEMS)).hasSize(2);
    }
  }

  @Test
  void anEventMoreThanTheAllowedLatenessBehindTheWatermarkIsDeadLetteredWithItsOrigin()
      throws Exception {
    OperatorMetrics metrics = new OperatorMetrics();
    try (var h = opened(settings(), metrics)) {
      StreamEvent beforeAnyWatermark = view("u", "old", 0);
      send(h, beforeAnyWatermark); // no watermark yet: nothing is late
      long w = 10_000_000;
      h.processWatermark(w);
      StreamEvent onTime =
          view("u", "a", w - LATENESS); // exactly the allowed lateness behind: still on time
      StreamEvent late = view("u", "b", w - LATENESS - 1);
      send(h, onTime);
      send(h, late);

      List<DeadLetter> dead = side(h, UserSessions.LATE);
      assertThat(dead).hasSize(1);
      DeadLetter d = dead.getFirst();
      assertThat(d.reason()).isEqualTo(DeadLetterReason.LATE_EVENT);
      assertThat(d.detail()).contains((LATENESS + 1) + " ms behind the watermark");
      assertThat(d.source()).isEqualTo(SOURCE);
      assertThat(d.position()).isEqualTo(late.position());
      assertThat(d.raw()).isEqualTo(late.raw());
      assertThat(metrics.count("lateEvents")).isEqualTo(1);

      h.processWatermark(Long.MAX_VALUE);
      assertThat(h.extractOutputValues())
          .as("the late event joins no session")
          .containsExactly(
              new SessionEvents("u", events(beforeAnyWatermark)),
              new SessionEvents("u", events(onTime)));
    }
  }

  @Test
  void anExactDuplicateOfAnOpenEventIsDroppedAndCountedAndOneOfAClosedSessionIsLate()
      throws Exception {
    OperatorMetrics metrics = new OperatorMetrics();
    try (var h = opened(settings(), metrics)) {
      StreamEvent a = view("u", "a", 0);
      StreamEvent again = view("u", "a", 0); // same user, item, type and time, another offset
      StreamEvent bought = ev("u", "a", EventType.PURCHASE, 0); // another type: not a duplicate
      StreamEvent later = view("u", "a", 1); // another time: not a duplicate
      send(h, a);
      send(h, again);
      send(h, bought);
      send(h, later);
      assertThat(metrics.count("duplicates")).isEqualTo(1);

      h.processWatermark(closeTime(1));
      List<SessionEvents> out = h.extractOutputValues();
      assertThat(out).hasSize(1);
      assertThat(out.getFirst().events())
          .containsExactlyInAnyOrderElementsOf(events(a, bought, later));

      send(h, view("u", "a", 0)); // its session is closed and counted
      assertThat(side(h, UserSessions.LATE)).hasSize(1);
      assertThat(metrics.count("duplicates")).isEqualTo(1);
      assertThat(metrics.count("lateEvents")).isEqualTo(1);
      h.processWatermark(Long.MAX_VALUE);
      assertThat(h.extractOutputValues()).hasSize(1);
    }
  }

  @Test
  void pastMaxOpenEventsTheOpenEventsCloseAtOnceAndLaterTimersFindNothing() throws Exception {
    OperatorMetrics metrics = new OperatorMetrics();
    try (var h = opened(settings("features.stream.max-open-events", "3"), metrics)) {
      List<StreamEvent> first = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        first.add(view("u", "i" + i, i * 1_000L));
        send(h, first.getLast());
      }
      assertThat(h.extractOutputValues()).as("at the cap, not past it").isEmpty();
      first.add(view("u", "i3", 3_000));
      send(h, first.getLast());
      assertThat(h.extractOutputValues())
          .as("closed without a watermark")
          .containsExactly(new SessionEvents("u", events(first.toArray(StreamEvent[]::new))));
      assertThat(metrics.count("sessionsClosedEarly")).isEqualTo(1);

      StreamEvent next = view("u", "i4", 4_000);
      send(h, next);
      h.processWatermark(
          closeTime(3_000)); // the early-closed events' timers: only i4 is open, and not due
      assertThat(h.extractOutputValues()).hasSize(1);
      h.processWatermark(closeTime(4_000));
      assertThat(h.extractOutputValues())
          .containsExactly(
              new SessionEvents("u", events(first.toArray(StreamEvent[]::new))),
              new SessionEvents("u", events(next)));
      assertThat(metrics.count("sessions")).isEqualTo(2);
    }
  }

  @Test
  void theSeenItemsSetForgetsItsOldestPastTheCapSoAForgottenItemCountsAgain() throws Exception {
    // cap 10: pruned once it is over 11, back to 10, oldest session end first (ties by id)
    try (var h = opened(settings("features.stream.max-user-items", "10"), new OperatorMetrics())) {
      long t = 0;
      for (int i = 0; i < 6; i++) {
        send(h, view("u", String.format("i%02d", i), t + i));
      }
      t += 4 * GAP;
      for (int i = 6; i < 12; i++) {
        send(h, view("u", String.format("i%02d", i), t + i));
      }
      h.processWatermark(
          closeTime(t + 11)); // 12 distinct items remembered: i00 and i01 are forgotten
      assertThat(side(h, UserSessions.NEW_ITEMS)).hasSize(12);

      t += 4 * GAP;
      send(h, view("u", "i00", t));
      send(h, view("u", "i02", t + 1));
      send(h, view("u", "i11", t + 2));
      h.processWatermark(closeTime(t + 2));
      List<String> items = side(h, UserSessions.NEW_ITEMS);
      assertThat(items.subList(12, items.size())).containsExactly("i00");
    }
  }

  @Test
  void theCountedPairsSetForgetsItsOldestPastTheCap() throws Exception {
    try (var h = opened(settings("features.stream.max-user-pairs", "1"), new OperatorMetrics())) {
      send(h, view("u", "x", 0));
      send(h, view("u", "y", 1));
      send(h, view("u", "z", 4 * GAP));
      send(h, view("u", "w", 4 * GAP + 1));
      send(h, view("u", "x", 8 * GAP));
      send(h, view("u", "y", 8 * GAP + 1));
      send(h, view("u", "z", 12 * GAP));
      send(h, view("u", "w", 12 * GAP + 1));
      h.processWatermark(Long.MAX_VALUE);
      // x-y is forgotten when z-w arrives (2 > cap), so x-y counts again, and then z-w again
      assertThat(side(h, UserSessions.NEW_PAIRS))
          .containsExactly(
              CoViewTable.key("x", "y"),
              CoViewTable.key("w", "z"),
              CoViewTable.key("x", "y"),
              CoViewTable.key("w", "z"));
    }
  }

  /** A run's steps: an event, or a watermark when {@code event} is null. */
  record Step(StreamEvent event, long watermark) {
    static Step of(StreamEvent e) {
      return new Step(e, 0);
    }

    static Step watermark(long w) {
      return new Step(null, w);
    }
  }

  /** Everything the operator emitted, main and side outputs. */
  record Emitted(
      List<SessionEvents> sessions,
      List<String> items,
      List<String> pairs,
      List<SessionItems> sequences,
      List<DeadLetter> late) {
    static Emitted of(
        KeyedOneInputStreamOperatorTestHarness<String, StreamEvent, SessionEvents> h) {
      return new Emitted(
          h.extractOutputValues(),
          side(h, UserSessions.NEW_ITEMS),
          side(h, UserSessions.NEW_PAIRS),
          side(h, UserSessions.SESSION_ITEMS),
          side(h, UserSessions.LATE));
    }

    Emitted plus(Emitted o) {
      return new Emitted(
          concat(sessions, o.sessions),
          concat(items, o.items),
          concat(pairs, o.pairs),
          concat(sequences, o.sequences),
          concat(late, o.late));
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
      List<T> out = new ArrayList<>(a);
      out.addAll(b);
      return out;
    }
  }

  static void run(
      KeyedOneInputStreamOperatorTestHarness<String, StreamEvent, SessionEvents> h,
      List<Step> steps)
      throws Exception {
    for (Step s : steps) {
      if (s.event() == null) {
        h.processWatermark(s.watermark());
      } else {
        send(h, s.event());
      }
    }
  }

  @Test
  void aSnapshotTakenWithSessionsOpenRestoresToTheSameOutputAsAnUninterruptedRun()
      throws Exception {
    List<Step> before =
        List.of(
            Step.of(view("u2", "x", 0)),
            Step.of(view("u2", "y", 10_000)),
            Step.watermark(closeTime(10_000))); // u2's first session closes: x and y are remembered
    List<Step> open =
        List.of(
            Step.of(view("u1", "a", 700_000)),
            Step.of(view("u1", "b", 760_000)),
            Step.of(view("u2", "x", 800_000)), // u2's second session, open at the snapshot
            // Flink does not checkpoint watermarks: the restored operator starts without one. So
            // the events after the snapshot are on time against this one; see the next test for
            // what the operator must still refuse.
            Step.watermark(700_000));
    List<Step> after =
        List.of(
            Step.of(
                view("u1", "b", 760_000)), // a duplicate of an event only the restored state knows
            Step.of(view("u1", "c", 800_000)),
            Step.of(view("u2", "z", 810_000)),
            Step.watermark(closeTime(760_000)), // none due yet: c is later
            Step.watermark(closeTime(810_000)),
            Step.of(view("u1", "a", 100))); // late
    List<Step> all = new ArrayList<>(before);
    all.addAll(open);
    all.addAll(after);
    StreamSettings s = settings();

    Emitted uninterrupted;
    try (var h = opened(s, new OperatorMetrics())) {
      run(h, all);
      uninterrupted = Emitted.of(h);
    }

    Emitted first;
    OperatorSubtaskState snapshot;
    try (var h = opened(s, new OperatorMetrics())) {
      run(h, before);
      run(h, open);
      snapshot = h.snapshot(1, 1);
      first = Emitted.of(h);
    }
    OperatorMetrics restoredMetrics = new OperatorMetrics();
    Emitted second;
    try (var h = harness(s, restoredMetrics)) {
      h.initializeState(snapshot);
      h.open();
      assertThat(h.numEventTimeTimers())
          .as("the open events' close timers are restored")
          .isEqualTo(3);
      run(h, after);
      second = Emitted.of(h);
    }

    assertThat(first.plus(second)).isEqualTo(uninterrupted);
    assertThat(restoredMetrics.count("duplicates")).isEqualTo(1);
    // the expected run itself, so an operator that emitted nothing in both would not pass
    assertThat(uninterrupted.sessions())
        .containsExactly(
            new SessionEvents(
                "u2",
                List.of(
                    new Event("u2", "x", EventType.VIEW, 0),
                    new Event("u2", "y", EventType.VIEW, 10_000))),
            new SessionEvents(
                "u1",
                List.of(
                    new Event("u1", "a", EventType.VIEW, 700_000),
                    new Event("u1", "b", EventType.VIEW, 760_000),
                    new Event("u1", "c", EventType.VIEW, 800_000))),
            new SessionEvents(
                "u2",
                List.of(
                    new Event("u2", "x", EventType.VIEW, 800_000),
                    new Event("u2", "z", EventType.VIEW, 810_000))));
    assertThat(uninterrupted.items())
        .as("x was seen before the snapshot")
        .containsExactly("x", "y", "a", "b", "c", "z");
    assertThat(uninterrupted.late()).hasSize(1);
  }

  @Test
  void afterARestoreBeforeAnyWatermarkADuplicateOfAClosedSessionsEventIsStillLate()
      throws Exception {
    StreamSettings s = settings();
    StreamEvent a = view("u", "a", 0);
    StreamEvent b = view("u", "b", 1_000);
    OperatorSubtaskState snapshot;
    try (var h = opened(s, new OperatorMetrics())) {
      send(h, a);
      send(h, b);
      h.processWatermark(closeTime(1_000));
      assertThat(h.extractOutputValues()).containsExactly(new SessionEvents("u", events(a, b)));
      snapshot = h.snapshot(1, 1);
    }
    OperatorMetrics metrics = new OperatorMetrics();
    try (var h = harness(s, metrics)) {
      h.initializeState(snapshot);
      h.open();
      // the source replays from its checkpointed offsets; the watermark is regenerated only later
      send(h, view("u", "b", 1_000));
      h.processWatermark(Long.MAX_VALUE);
      assertThat(h.extractOutputValues())
          .as("the closed session is not reopened nor its event counted twice")
          .isEmpty();
      assertThat(side(h, UserSessions.LATE)).hasSize(1);
      assertThat(metrics.count("lateEvents")).isEqualTo(1);
    }
  }

  static final long TTL =
      86_400_000; // features.stream.state-ttl = 1d, on the harness's TTL (processing-time) clock

  /**
   * Sends one session of views of {@code items} at event time {@code t} and closes it with a
   * watermark.
   */
  static void session(
      KeyedOneInputStreamOperatorTestHarness<String, StreamEvent, SessionEvents> h,
      long t,
      String... items)
      throws Exception {
    for (int i = 0; i < items.length; i++) {
      send(h, view("u", items[i], t + i));
    }
    h.processWatermark(closeTime(t + items.length - 1));
  }

  @Test
  void withAStateTtlWhatAShopperHasNotReturnedToForTheTtlCountsThemAgain() throws Exception {
    StreamSettings s = settings("features.stream.state-ttl", "1d");
    try (var h = opened(s, new OperatorMetrics())) {
      h.setStateTtlProcessingTime(0);
      session(h, 0, "a", "b");
      h.setStateTtlProcessingTime(TTL * 8 / 10);
      session(h, GAP * 10, "a", "c"); // a is read (seen before) and so kept; c is new
      h.setStateTtlProcessingTime(TTL * 15 / 10);
      session(h, GAP * 20, "a", "b");
      assertThat(side(h, UserSessions.NEW_ITEMS))
          .as("b, untouched for 1.5 TTL, counts again; a, touched at 0.8" + " TTL, does not")
          .containsExactly("a", "b", "c", "b");
      assertThat(side(h, UserSessions.NEW_PAIRS))
          .containsExactly(
              CoViewTable.key("a", "b"), CoViewTable.key("a", "c"), CoViewTable.key("a", "b"));
    }
  }

  @Test
  void withAStateTtlAShoppersMemorySurvivesARestoreUntilTheTtlThenGoes() throws Exception {
    StreamSettings s = settings("features.stream.state-ttl", "1d");
    OperatorSubtaskState snapshot;
    try (var h = opened(s, new OperatorMetrics())) {
      h.setStateTtlProcessingTime(1_000);
      session(h, 0, "a", "b");
      snapshot = h.snapshot(1, 1);
    }
    try (var h = harness(s, new OperatorMetrics())) {
      h.setStateTtlProcessingTime(1_000 + TTL - 1); // the last ms of the TTL
      h.initializeState(snapshot);
      h.open();
      session(h, GAP * 10, "a", "b");
      assertThat(side(h, UserSessions.NEW_ITEMS))
          .as("within the TTL: remembered across the restore")
          .isEmpty();
      assertThat(side(h, UserSessions.NEW_PAIRS)).isEmpty();
    }
    try (var h = harness(s, new OperatorMetrics())) {
      h.setStateTtlProcessingTime(1_000 + TTL);
      h.initializeState(snapshot);
      h.open();
      session(h, GAP * 10, "a", "b");
      assertThat(side(h, UserSessions.NEW_ITEMS))
          .as("the TTL has passed: forgotten")
          .containsExactly("a", "b");
      assertThat(side(h, UserSessions.NEW_PAIRS)).containsExactly(CoViewTable.key("a", "b"));
    }
  }

  @Test
  void withoutAStateTtlNothingIsForgottenHoweverLongTheShopperIsAway() throws Exception {
    try (var h = opened(settings(), new OperatorMetrics())) {
      h.setStateTtlProcessingTime(0);
      session(h, 0, "a", "b");
      h.setStateTtlProcessingTime(Long.MAX_VALUE / 2);
      session(h, GAP * 10, "a", "b");
      assertThat(side(h, UserSessions.NEW_ITEMS)).containsExactly("a", "b");
      assertThat(side(h, UserSessions.NEW_PAIRS)).containsExactly(CoViewTable.key("a", "b"));
    }
  }
}
