package io.reasonflow.features.flink;

import io.reasonflow.common.model.Event;
import io.reasonflow.features.core.UserHistory;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Collects a shopper's events and, when event time has passed all of them (end of input in a
 * backfill: BATCH mode advances the watermark to the end once a key is done), emits the shopper's
 * {@link UserHistory}: de-duplicated and cut into sessions.
 */
public final class BuildUserHistory extends KeyedProcessFunction<String, Event, UserHistory> {
  private static final long serialVersionUID = 1L;
  public static final String DUPLICATES = "duplicates";
  public static final String SESSIONS = "sessions";
  public static final String EVENTS_KEPT = "events-kept";
  public static final String USERS = "users";

  private final long gapMs;
  private final int maxItems;
  private transient ListState<Event> pending;
  private transient LongCounter duplicates;
  private transient LongCounter sessions;
  private transient LongCounter kept;
  private transient LongCounter users;

  public BuildUserHistory(long gapMs, int maxItems) {
    this.gapMs = gapMs;
    this.maxItems = maxItems;
  }

  @Override
  public void open(OpenContext ctx) {
    pending =
        getRuntimeContext()
            .getListState(
                new ListStateDescriptor<>("pending-events", TypeInformation.of(Event.class)));
    duplicates = getRuntimeContext().getLongCounter(DUPLICATES);
    sessions = getRuntimeContext().getLongCounter(SESSIONS);
    kept = getRuntimeContext().getLongCounter(EVENTS_KEPT);
    users = getRuntimeContext().getLongCounter(USERS);
  }

  @Override
  public void processElement(Event e, Context ctx, Collector<UserHistory> out) throws Exception {
    pending.add(e);
    ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<UserHistory> out)
      throws Exception {
    List<Event> events = new ArrayList<>();
    for (Event e : pending.get()) {
      events.add(e);
    }
    pending.clear();
    if (events.isEmpty()) {
      return;
    }
    UserHistory h = UserHistory.of(ctx.getCurrentKey(), events, gapMs, maxItems);
    duplicates.add(h.duplicates());
    sessions.add(h.sessions().size());
    kept.add(h.events().size());
    users.add(1);
    out.collect(h);
  }
}
