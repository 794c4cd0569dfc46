package io.reasonflow.features.stream;

import io.reasonflow.common.model.Event;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.features.core.Profiles;
import io.reasonflow.features.core.UserHistory;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A shopper's profile: rebuilt with {@link Profiles#build} from the shopper's latest {@code
 * maxProfileEvents} events and the current model's vectors whenever sessions close ({@link
 * SessionEvents}), and re-projected for every shopper when a newer model arrives (the initial one,
 * or one {@link RetrainItemModel} trained). An older model arriving late is ignored, so profiles
 * only ever move to newer versions.
 *
 * <p>Models arrive as {@link ModelRef}s (version and file, {@link ModelFiles}): the broadcast state
 * holds only the reference, and each subtask loads the file into memory ({@link LoadedModel}) when
 * a newer one arrives and, after a restore, at first use.
 *
 * <p>State per shopper: the latest events, capped at {@code maxProfileEvents}. Metrics: {@code
 * profilesEmitted}, {@code profilesReprojected}, gauge {@code modelVersion}.
 */
public final class UserProfiles
    extends KeyedBroadcastProcessFunction<String, SessionEvents, ModelRef, UserProfile> {
  private static final long serialVersionUID = 1L;
  public static final MapStateDescriptor<String, ModelRef> MODEL =
      new MapStateDescriptor<>("item-model-file", Types.STRING, TypeInformation.of(ModelRef.class));

  /**
   * The whole model, as broadcast state held it before models became files. Registered so that an
   * older savepoint restores; used until a newer model arrives, then cleared.
   */
  public static final MapStateDescriptor<String, ItemModel> LEGACY_MODEL =
      new MapStateDescriptor<>("item-model", Types.STRING, TypeInformation.of(ItemModel.class));

  static final String CURRENT = "current";
  static final ListStateDescriptor<Event> PROFILE_EVENTS =
      new ListStateDescriptor<>("profile-events", TypeInformation.of(Event.class));

  private final StreamSettings s;
  private transient ListState<Event> profileEvents;
  private transient Counter profiles;
  private transient Counter reprojected;
  private transient volatile long modelVersion;
  private transient LoadedModel loaded;

  public UserProfiles(StreamSettings s) {
    this.s = s;
  }

  @Override
  public void open(OpenContext ctx) {
    profileEvents = getRuntimeContext().getListState(PROFILE_EVENTS);
    loaded = new LoadedModel();
    var m = getRuntimeContext().getMetricGroup();
    profiles = m.counter("profilesEmitted");
    reprojected = m.counter("profilesReprojected");
    m.gauge("modelVersion", () -> modelVersion);
  }

  @Override
  public void processElement(SessionEvents closed, ReadOnlyContext ctx, Collector<UserProfile> out)
      throws Exception {
    List<Event> kept = new ArrayList<>();
    for (Event e : profileEvents.get()) {
      kept.add(e);
    }
    kept.addAll(closed.events());
    if (kept.size() > s.maxProfileEvents()) {
      kept.sort(UserHistory.ORDER);
      kept = new ArrayList<>(kept.subList(kept.size() - s.maxProfileEvents(), kept.size()));
    }
    profileEvents.update(kept);
    ItemModel model =
        loaded.current(ctx.getBroadcastState(MODEL), ctx.getBroadcastState(LEGACY_MODEL));
    if (model != null) {
      modelVersion =
          model.version(); // after a restore the gauge learns the version from the restored state
    }
    out.collect(profile(closed.user(), kept, model));
    profiles.inc();
  }

  private UserProfile profile(String user, List<Event> events, ItemModel model) {
    UserHistory h =
        UserHistory.of(user, events, s.features().sessionGapMs(), s.features().sessionMaxItems());
    if (model == null) {
      return Profiles.build(
          h,
          item -> null,
          s.features().dim(),
          0,
          s.features().recentItems(),
          s.features().halfLifeMs());
    }
    return Profiles.build(
        h,
        model.vectors()::get,
        model.dim(),
        model.version(),
        s.features().recentItems(),
        s.features().halfLifeMs());
  }

  /**
   * A newer model replaces the current one, and every shopper's profile is re-projected onto it.
   */
  @Override
  public void processBroadcastElement(ModelRef ref, Context ctx, Collector<UserProfile> out)
      throws Exception {
    if (!LoadedModel.isNewer(
        ref, ctx.getBroadcastState(MODEL), ctx.getBroadcastState(LEGACY_MODEL))) {
      return;
    }
    ItemModel model = loaded.get(ref);
    ctx.getBroadcastState(MODEL).put(CURRENT, ref);
    ctx.getBroadcastState(LEGACY_MODEL).clear();
    modelVersion = model.version();
    ctx.applyToKeyedState(
        PROFILE_EVENTS,
        (user, state) -> {
          List<Event> events = new ArrayList<>();
          for (Event e : state.get()) {
            events.add(e);
          }
          if (!events.isEmpty()) {
            out.collect(profile(user, events, model));
            profiles.inc();
            reprojected.inc();
          }
        });
  }
}
