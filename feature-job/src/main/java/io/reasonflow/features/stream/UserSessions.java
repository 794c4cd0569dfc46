package io.reasonflow.features.stream;

import io.reasonflow.common.io.DeadLetter;
import io.reasonflow.common.io.DeadLetterReason;
import io.reasonflow.common.model.Event;
import io.reasonflow.features.core.CoViews;
import io.reasonflow.features.core.UserHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * One shopper's stream: late and duplicate events out, event-time sessions, and what each closed
 * session adds.
 *
 * <ul>
 *   <li>Late: an event more than the allowed lateness behind this operator's watermark goes to
 *       {@link #LATE} as a {@code LATE_EVENT} dead letter (its session may already be closed and
 *       counted). Flink does not checkpoint watermarks, so after a restore the operator has none
 *       until the sources emit one; the shopper's latest close-timer time (kept in state: the
 *       watermark had reached it) stands in for it, so an event of a session closed before the
 *       failure is still late, never a new session of its own.
 *   <li>Open events: the shopper's events not yet in a closed session, keyed by (time, item, type),
 *       so an exact duplicate (same user, item, type and time) of an open event is dropped and
 *       counted. A duplicate of an event in a closed session is necessarily late, and is
 *       dead-lettered as such.
 *   <li>Sessions: as {@link UserHistory} defines them (gap, tracker session id). A session closes
 *       once the watermark is past its last event + gap + allowed lateness: no event that is not
 *       late can join it any more. One timer per event time does this; the open events are cleared
 *       as their sessions close, so this state holds only the current session (capped: past {@code
 *       maxOpenEvents} all open events are closed as a session at once).
 *   <li>A closed session's distinct items the shopper never had before go to {@link #NEW_ITEMS}
 *       (one shopper more for each), and its co-view pairs ({@link CoViews#userPairs}) the shopper
 *       never had before go to {@link #NEW_PAIRS} (one shopper more for the pair). "Before" is
 *       remembered in bounded per-shopper sets (the oldest are forgotten past the caps). Counts
 *       therefore equal the batch definitions in {@link CoViews}.
 *   <li>The closed sessions' events go out as one {@link SessionEvents} per close: {@link
 *       UserProfiles} rebuilds the profile from them. When retraining is on, each closed session
 *       also goes to {@link #SESSION_ITEMS} as a training sequence for {@link RetrainItemModel}.
 * </ul>
 *
 * <p>State TTL ({@code features.stream.state-ttl}, {@link StateTtl}): the per-shopper state that
 * outlives a session (the "seen before" sets, their sizes, the latest close time) is forgotten once
 * untouched for the TTL, so this operator's state is bounded by the shoppers active within it, not
 * by every shopper ever seen. A remembered item or pair is touched whenever a session of the
 * shopper has it again (read or written), so an active shopper keeps what they return to; one they
 * have not returned to for the TTL counts them again, as one forgotten past the caps does. (The
 * scan that enforces a cap reads, and so refreshes, every entry it keeps.) A size that outlives
 * entries which expired alone only brings that scan, which recounts, forward.
 *
 * <p>Profiles are built downstream, not here, because the models they are projected on are trained
 * from this operator's sessions: a model input here would make the graph a cycle, which Flink 2 has
 * no iteration for.
 *
 * <p>Metrics: {@code lateEvents}, {@code duplicates}, {@code sessions}, {@code
 * sessionsClosedEarly}.
 */
public final class UserSessions extends KeyedProcessFunction<String, StreamEvent, SessionEvents> {
  private static final long serialVersionUID = 1L;
  public static final OutputTag<DeadLetter> LATE = new OutputTag<>("late-events") {};
  public static final OutputTag<String> NEW_ITEMS = new OutputTag<>("new-user-items") {};
  public static final OutputTag<String> NEW_PAIRS = new OutputTag<>("new-user-pairs") {};
  public static final OutputTag<SessionItems> SESSION_ITEMS = new OutputTag<>("session-items") {};

  private final StreamSettings s;
  private transient MapState<String, Event> open;
  private transient ValueState<Integer> openCount;
  private transient ValueState<Long> closedThrough;
  private transient MapState<String, Long> seenItems;
  private transient ValueState<Integer> seenItemCount;
  private transient MapState<String, Long> countedPairs;
  private transient ValueState<Integer> countedPairCount;
  private transient Counter late;
  private transient Counter duplicates;
  private transient Counter sessions;
  private transient Counter closedEarly;

  public UserSessions(StreamSettings s) {
    this.s = s;
  }

  @Override
  public void open(OpenContext ctx) {
    open =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "open-events", Types.STRING, TypeInformation.of(Event.class)));
    openCount =
        getRuntimeContext().getState(new ValueStateDescriptor<>("open-event-count", Types.INT));
    // what outlives a session expires with features.stream.state-ttl (see the class comment); the
    // open events do not: their close timers clear them
    long ttl = s.stateTtlMs();
    closedThrough =
        getRuntimeContext()
            .getState(
                StateTtl.expireAfter(
                    ttl, false, new ValueStateDescriptor<>("closed-through", Types.LONG)));
    seenItems =
        getRuntimeContext()
            .getMapState(
                StateTtl.expireAfter(
                    ttl, true, new MapStateDescriptor<>("seen-items", Types.STRING, Types.LONG)));
    seenItemCount =
        getRuntimeContext()
            .getState(
                StateTtl.expireAfter(
                    ttl, false, new ValueStateDescriptor<>("seen-item-count", Types.INT)));
    countedPairs =
        getRuntimeContext()
            .getMapState(
                StateTtl.expireAfter(
                    ttl,
                    true,
                    new MapStateDescriptor<>("counted-pairs", Types.STRING, Types.LONG)));
    countedPairCount =
        getRuntimeContext()
            .getState(
                StateTtl.expireAfter(
                    ttl, false, new ValueStateDescriptor<>("counted-pair-count", Types.INT)));
    var m = getRuntimeContext().getMetricGroup();
    late = m.counter("lateEvents");
    duplicates = m.counter("duplicates");
    sessions = m.counter("sessions");
    closedEarly = m.counter("sessionsClosedEarly");
  }

  @Override
  public void processElement(StreamEvent se, Context ctx, Collector<SessionEvents> out)
      throws Exception {
    Event e = se.event();
    Long closed = closedThrough.value();
    long watermark =
        Math.max(ctx.timerService().currentWatermark(), closed == null ? Long.MIN_VALUE : closed);
    if (watermark != Long.MIN_VALUE && e.eventTimeMs() + s.allowedLatenessMs() < watermark) {
      late.inc();
      ctx.output(
          LATE,
          new DeadLetter(
              DeadLetterReason.LATE_EVENT,
              "event time "
                  + e.eventTimeMs()
                  + " is "
                  + (watermark - e.eventTimeMs())
                  + " ms behind the watermark"
                  + " (allowed lateness "
                  + s.allowedLatenessMs()
                  + " ms)",
              se.source(),
              se.position(),
              se.raw()));
      return;
    }
    String key = e.eventTimeMs() + "\t" + e.itemId() + "\t" + e.type();
    if (open.contains(key)) {
      duplicates.inc();
      return;
    }
    open.put(key, e);
    int n = orZero(openCount.value()) + 1;
    openCount.update(n);
    ctx.timerService().registerEventTimeTimer(closeTime(e));
    if (n > s.maxOpenEvents()) {
      closedEarly.inc();
      close(Long.MAX_VALUE, ctx.getCurrentKey(), out, ctx);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<SessionEvents> out)
      throws Exception {
    closedThrough.update(timestamp); // timers fire in time order: this only grows
    close(timestamp, ctx.getCurrentKey(), out, ctx);
  }

  /**
   * Event time at which the session ending with {@code e} can no longer grow (see the class
   * comment).
   */
  private long closeTime(Event e) {
    return e.eventTimeMs() + s.features().sessionGapMs() + s.allowedLatenessMs() + 1;
  }

  /**
   * Closes every open session that ended by {@code until} (all of them for {@link Long#MAX_VALUE}).
   */
  private void close(long until, String user, Collector<SessionEvents> out, Context ctx)
      throws Exception {
    List<Event> events = new ArrayList<>();
    for (Event e : open.values()) {
      events.add(e);
    }
    if (events.isEmpty()) {
      clearOpen();
      return;
    }
    events.sort(UserHistory.ORDER);
    List<List<Event>> split = splitSessions(events);
    List<Event> closedEvents = new ArrayList<>();
    for (List<Event> session : split) {
      if (until != Long.MAX_VALUE && closeTime(session.getLast()) > until) {
        break; // later sessions end later still
      }
      for (Event e : session) {
        open.remove(e.eventTimeMs() + "\t" + e.itemId() + "\t" + e.type());
      }
      countSession(user, session, ctx);
      closedEvents.addAll(session);
    }
    if (closedEvents.isEmpty()) {
      return;
    }
    int left = events.size() - closedEvents.size();
    if (left == 0) {
      clearOpen();
    } else {
      openCount.update(left);
    }
    out.collect(new SessionEvents(user, closedEvents));
  }

  /** Consecutive events belong to one session as {@link UserHistory} defines it. */
  private List<List<Event>> splitSessions(List<Event> sorted) {
    List<List<Event>> out = new ArrayList<>();
    List<Event> cur = new ArrayList<>();
    Event prev = null;
    for (Event e : sorted) {
      if (prev != null
          && (e.eventTimeMs() - prev.eventTimeMs() > s.features().sessionGapMs()
              || !Objects.equals(prev.sessionId(), e.sessionId()))) {
        out.add(cur);
        cur = new ArrayList<>();
      }
      cur.add(e);
      prev = e;
    }
    out.add(cur);
    return out;
  }

  private void countSession(String user, List<Event> session, Context ctx) throws Exception {
    sessions.inc();
    UserHistory h =
        UserHistory.of(user, session, s.features().sessionGapMs(), s.features().sessionMaxItems());
    long end = session.getLast().eventTimeMs();
    int items = orZero(seenItemCount.value());
    for (String item : h.distinctItems()) {
      if (!seenItems.contains(item)) {
        seenItems.put(item, end);
        items++;
        ctx.output(NEW_ITEMS, item);
      }
    }
    seenItemCount.update(forgetOldest(seenItems, items, s.maxUserItems()));
    int pairs = orZero(countedPairCount.value());
    for (String pair : CoViews.userPairs(h)) {
      if (!countedPairs.contains(pair)) {
        countedPairs.put(pair, end);
        pairs++;
        ctx.output(NEW_PAIRS, pair);
      }
    }
    countedPairCount.update(forgetOldest(countedPairs, pairs, s.maxUserPairs()));
    if (s.retrainEnabled()) {
      for (List<String> seq : h.sequences(s.features().sequenceMode())) {
        if (!seq.isEmpty()) {
          ctx.output(SESSION_ITEMS, new SessionItems(user, session.getFirst().eventTimeMs(), seq));
        }
      }
    }
  }

  /**
   * Keeps a remembered set within its cap: once it is 10% over, the oldest entries (by the session
   * end they were first seen in) go, back down to the cap. Batching the removal keeps the scan
   * rare.
   */
  private static int forgetOldest(MapState<String, Long> set, int size, int cap) throws Exception {
    if (size <= cap + cap / 10) {
      return size;
    }
    List<Map.Entry<String, Long>> all = new ArrayList<>();
    for (Map.Entry<String, Long> e : set.entries()) {
      all.add(Map.entry(e.getKey(), e.getValue()));
    }
    all.sort(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
    // the size may overstate the entries (with a state TTL, entries expire on their own), so there
    // may be none to remove: the scan then only corrects the size
    int remove = Math.max(0, all.size() - cap);
    for (int i = 0; i < remove; i++) {
      set.remove(all.get(i).getKey());
    }
    return all.size() - remove;
  }

  private void clearOpen() {
    open.clear();
    openCount.clear();
  }

  private static int orZero(Integer v) {
    return v == null ? 0 : v;
  }
}
