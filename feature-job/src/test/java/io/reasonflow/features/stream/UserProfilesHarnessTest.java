package io.reasonflow.features.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.Event;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.features.core.FeatureSettings;
import io.reasonflow.features.core.Profiles;
import io.reasonflow.features.core.UserHistory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link UserProfiles} alone under Flink's keyed broadcast harness: profiles from closed sessions
 * on the current model, re-projection of every shopper on a newer model (an older one ignored), the
 * per-shopper event cap, and keyed plus broadcast state through a snapshot/restore. The expected
 * profile is {@link Profiles#build} over the events the operator is documented to keep, so these
 * tests check what is kept and which model is used.
 */
class UserProfilesHarnessTest {
  static final int MAX_EVENTS = 3;
  static final StreamSettings S =
      StreamSettings.from(
          Config.load(
              null, Map.of("features.stream.max-profile-events", Integer.toString(MAX_EVENTS))));

  /**
   * A 2-d model whose vectors depend on the version, so a profile shows which model it was
   * projected on.
   */
  static ItemModel model(long version) {
    HashMap<String, float[]> v = new HashMap<>();
    HashMap<String, Item> it = new HashMap<>();
    String[] items = {"a", "b", "c", "d", "e"};
    for (int i = 0; i < items.length; i++) {
      double angle = i * 0.5 + version * 0.1;
      v.put(items[i], new float[] {(float) Math.cos(angle), (float) Math.sin(angle)});
      it.put(items[i], Item.ofTitle(items[i], items[i]));
    }
    return new ItemModel(version, 2, v, it);
  }

  static Event view(String user, String item, long t) {
    return new Event(user, item, EventType.VIEW, t);
  }

  static UserProfile expected(String user, List<Event> kept, ItemModel m) {
    FeatureSettings f = S.features();
    UserHistory h = UserHistory.of(user, kept, f.sessionGapMs(), f.sessionMaxItems());
    return Profiles.build(
        h, m.vectors()::get, m.dim(), m.version(), f.recentItems(), f.halfLifeMs());
  }

  record Run(
      UserProfiles fn,
      KeyedBroadcastOperatorTestHarness<String, SessionEvents, ModelRef, UserProfile> h) {}

  static Run harness() throws Exception {
    UserProfiles fn = new UserProfiles(S);
    return new Run(
        fn,
        new KeyedBroadcastOperatorTestHarness<>(
            new CoBroadcastWithKeyedOperator<>(
                fn, List.of(UserProfiles.MODEL, UserProfiles.LEGACY_MODEL)),
            SessionEvents::user,
            Types.STRING,
            1,
            1,
            0));
  }

  static Run opened() throws Exception {
    Run r = harness();
    r.h().open();
    return r;
  }

  /** The shopper's kept events, read from the operator's keyed state. */
  static List<Event> kept(Run r, String user) throws Exception {
    r.h().getOperator().setCurrentKey(user);
    List<Event> out = new ArrayList<>();
    r.fn().getRuntimeContext().getListState(UserProfiles.PROFILE_EVENTS).get().forEach(out::add);
    return out;
  }

  @Test
  void closedSessionsBuildTheProfileOnTheCurrentModel() throws Exception {
    Run r = opened();
    try (var h = r.h()) {
      List<Event> s1 = List.of(view("u", "a", 0), view("u", "b", 1_000));
      h.processElement(new SessionEvents("u", s1), 1);
      UserProfile noModel = h.extractOutputValues().getFirst();
      assertThat(noModel.modelVersion()).isZero();
      assertThat(noModel.vector()).containsOnly(0f);
      assertThat(noModel.seenItems()).containsExactly("a", "b");

      ItemModel m = model(1);
      h.processBroadcastElement(TestModels.publish(m), 2);
      assertThat(h.extractOutputValues().getLast())
          .as("re-projected on the first model")
          .isEqualTo(expected("u", s1, m));

      List<Event> s2 = List.of(view("u", "c", 10_000_000));
      h.processElement(new SessionEvents("u", s2), 3);
      List<Event> all = new ArrayList<>(s1);
      all.addAll(s2);
      assertThat(h.extractOutputValues().getLast()).isEqualTo(expected("u", all, m));
      assertThat(h.extractOutputValues()).hasSize(3);
    }
  }

  @Test
  void aNewerModelReProjectsEveryShopperAndAnOlderOneIsIgnored() throws Exception {
    Run r = opened();
    try (var h = r.h()) {
      h.processBroadcastElement(TestModels.publish(model(2)), 0);
      h.processElement(new SessionEvents("u1", List.of(view("u1", "a", 0))), 1);
      h.processElement(new SessionEvents("u2", List.of(view("u2", "b", 0), view("u2", "c", 5))), 1);
      assertThat(h.extractOutputValues())
          .extracting(UserProfile::modelVersion)
          .containsExactly(2L, 2L);

      h.processBroadcastElement(TestModels.publish(model(3)), 2);
      List<UserProfile> out = h.extractOutputValues();
      assertThat(out.subList(2, out.size()))
          .containsExactlyInAnyOrder(
              expected("u1", List.of(view("u1", "a", 0)), model(3)),
              expected("u2", List.of(view("u2", "b", 0), view("u2", "c", 5)), model(3)));

      h.processBroadcastElement(TestModels.publish(model(1)), 3);
      assertThat(h.extractOutputValues()).as("an older model changes nothing").hasSize(4);
      assertThat(h.getBroadcastState(UserProfiles.MODEL).get(UserProfiles.CURRENT).version())
          .isEqualTo(3);
      h.processElement(new SessionEvents("u1", List.of(view("u1", "d", 10))), 4);
      assertThat(h.extractOutputValues().getLast().modelVersion()).isEqualTo(3);
    }
  }

  @Test
  void aShopperKeepsOnlyTheLatestMaxProfileEvents() throws Exception {
    Run r = opened();
    try (var h = r.h()) {
      ItemModel m = model(1);
      h.processBroadcastElement(TestModels.publish(m), 0);
      h.processElement(new SessionEvents("u", List.of(view("u", "a", 0), view("u", "b", 1))), 1);
      h.processElement(
          new SessionEvents(
              "u",
              List.of(
                  view("u", "c", 5_000_000), view("u", "d", 5_000_001), view("u", "e", 5_000_002))),
          2);
      List<Event> latest =
          List.of(view("u", "c", 5_000_000), view("u", "d", 5_000_001), view("u", "e", 5_000_002));
      assertThat(kept(r, "u")).containsExactlyElementsOf(latest);
      UserProfile p = h.extractOutputValues().getLast();
      assertThat(p.eventCount()).isEqualTo(MAX_EVENTS);
      assertThat(p.seenItems()).containsExactlyInAnyOrder("c", "d", "e");
      assertThat(p).isEqualTo(expected("u", latest, m));

      // the cap keeps the latest by event time, not by arrival: an older session arriving now is
      // what goes
      h.processElement(new SessionEvents("u", List.of(view("u", "a", 2))), 3);
      assertThat(kept(r, "u")).containsExactlyElementsOf(latest);
    }
  }

  @Test
  void keyedEventsAndTheBroadcastModelSurviveASnapshotAndRestore() throws Exception {
    OperatorSubtaskState snapshot;
    List<Event> before = List.of(view("u", "a", 0), view("u", "b", 1));
    Run first = opened();
    try (var h = first.h()) {
      h.processBroadcastElement(TestModels.publish(model(4)), 0);
      h.processElement(new SessionEvents("u", before), 1);
      snapshot = h.snapshot(1, 1);
    }
    // the model's vectors in the profile below come from its file, reloaded from the path in state
    Run r = harness();
    try (var h = r.h()) {
      h.initializeState(snapshot);
      h.open();
      assertThat(kept(r, "u")).containsExactlyElementsOf(before);
      List<Event> after = List.of(view("u", "c", 2));
      h.processElement(new SessionEvents("u", after), 2);
      List<Event> all = new ArrayList<>(before);
      all.addAll(after);
      assertThat(h.extractOutputValues()).containsExactly(expected("u", all, model(4)));

      h.processBroadcastElement(TestModels.publish(model(5)), 3);
      assertThat(h.extractOutputValues().getLast())
          .as("restored shoppers are re-projected too")
          .isEqualTo(expected("u", all, model(5)));
    }
  }

  @Test
  void aRestoredModelWhoseFileIsGoneFailsNamingThePath() throws Exception {
    OperatorSubtaskState snapshot;
    ModelRef ref = TestModels.publish(model(6));
    Run first = opened();
    try (var h = first.h()) {
      h.processBroadcastElement(ref, 0);
      h.processElement(new SessionEvents("u", List.of(view("u", "a", 0))), 1);
      snapshot = h.snapshot(1, 1);
    }
    java.nio.file.Files.delete(java.nio.file.Path.of(ref.path()));
    Run r = harness();
    try (var h = r.h()) {
      h.initializeState(snapshot);
      h.open();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> h.processElement(new SessionEvents("u", List.of(view("u", "b", 2))), 2))
          .hasMessageContaining("model v6 file not found: " + ref.path());
    }
  }

  /** Writes a whole model into the broadcast state as the operator did before models were files. */
  static final class FormerModelState
      extends org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction<
          String, SessionEvents, ItemModel, UserProfile> {
    @Override
    public void processElement(
        SessionEvents value,
        ReadOnlyContext ctx,
        org.apache.flink.util.Collector<UserProfile> out) {}

    @Override
    public void processBroadcastElement(
        ItemModel m, Context ctx, org.apache.flink.util.Collector<UserProfile> out)
        throws Exception {
      ctx.getBroadcastState(UserProfiles.LEGACY_MODEL).put(UserProfiles.CURRENT, m);
    }
  }

  @Test
  void aSavepointWithTheWholeModelInStateRestoresAndIsUsedUntilANewerFileArrives()
      throws Exception {
    OperatorSubtaskState former;
    try (var h =
        new KeyedBroadcastOperatorTestHarness<>(
            new CoBroadcastWithKeyedOperator<>(
                new FormerModelState(), List.of(UserProfiles.LEGACY_MODEL)),
            SessionEvents::user,
            Types.STRING,
            1,
            1,
            0)) {
      h.open();
      h.processBroadcastElement(model(8), 0);
      former = h.snapshot(1, 1);
    }
    Run r = harness();
    try (var h = r.h()) {
      h.initializeState(former);
      h.open();
      List<Event> s1 = List.of(view("u", "a", 0));
      h.processElement(new SessionEvents("u", s1), 1);
      assertThat(h.extractOutputValues().getLast()).isEqualTo(expected("u", s1, model(8)));
      h.processBroadcastElement(TestModels.publish(model(7)), 2);
      assertThat(h.extractOutputValues()).as("older than the restored model").hasSize(1);
      h.processBroadcastElement(TestModels.publish(model(9)), 3);
      assertThat(h.extractOutputValues().getLast()).isEqualTo(expected("u", s1, model(9)));
      assertThat(h.getBroadcastState(UserProfiles.LEGACY_MODEL).entries()).isEmpty();
    }
  }
}
