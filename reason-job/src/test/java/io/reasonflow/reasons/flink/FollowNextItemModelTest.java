package io.reasonflow.reasons.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.seqrec.NextItemFile;
import io.reasonflow.reasons.ReasonSettings;
import io.reasonflow.reasons.Recommendation;
import io.reasonflow.reasons.TinyFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streaming reason task picks up a next-item model published in place of its output's (as the
 * streaming feature job's refits are) at its next follow check, without re-opening the other
 * stores, and every subtask of the JVM moves to the one model read once; a file it cannot read is
 * counted and the model it has stays. Real stores on disk, the real operator under Flink's harness.
 *
 * <p>Shopper u1 of {@link TinyFeatures} has seen A (newest) and D; the co-views make C (with A) and
 * E (with D) candidates with quotable figures. At {@code reasons.candidates.next-item-weight} 1 the
 * next-item model alone ranks them: a model in which C follows A puts C first; one in which E
 * follows A puts E first.
 */
class FollowNextItemModelTest {
  @TempDir Path dir;

  static NextItemFile after(String next, String trainedWith) {
    return TinyFeatures.nextItemAfterA(next, trainedWith);
  }

  KeyedOneInputStreamOperatorTestHarness<String, UserProfile, Recommendation> open(
      TinyFeatures f, Path features) throws Exception {
    ReasonSettings s =
        ReasonSettings.from(
            f.config
                .with("reasons.batch.profiles", "1")
                .with("reasons.store-cache-dir", dir.resolve("cache").toString()));
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new RecommendFunction(
                s, new ReasonSources(features.toString(), 1), TinyFeatures.TOTAL_SHOPPERS),
            UserProfile::userId,
            Types.STRING);
    h.open();
    return h;
  }

  /** The item ranked first for the profile sent now (a batch of one is flushed at once). */
  static String first(
      KeyedOneInputStreamOperatorTestHarness<String, UserProfile, Recommendation> h,
      UserProfile profile)
      throws Exception {
    Thread.sleep(2); // past the 1 ms follow interval: this flush checks
    h.getOutput().clear();
    h.processElement(profile, 0);
    List<Recommendation> out = h.extractOutputValues();
    assertThat(out).isNotEmpty();
    return out.getFirst().itemId();
  }

  static long count(
      KeyedOneInputStreamOperatorTestHarness<String, UserProfile, Recommendation> h, String name) {
    Object v = h.getOperator().getRuntimeContext().getAccumulator(name).getLocalValue();
    return (Long) v;
  }

  @Test
  void aNewlyPublishedModelReranksTheCandidatesOfEverySubtaskWithoutReopeningTheStores()
      throws Exception {
    Path features = dir.resolve("features");
    TinyFeatures f = new TinyFeatures(features);
    Path file = f.layout.nextItemModel();
    after("C", "backfill").write(file);
    try (var one = open(f, features);
        var two = open(f, features)) {
      assertThat(first(one, f.u1)).isEqualTo("C");
      assertThat(first(two, f.u1)).isEqualTo("C");

      after("E", "streaming refit v2").write(file); // as the streaming job publishes a refit
      assertThat(first(one, f.u1)).as("the refit's ranking").isEqualTo("E");
      assertThat(first(two, f.u1)).isEqualTo("E");
      assertThat(count(one, RecommendFunction.NEXT_ITEM_LOADED_METRIC)).isEqualTo(1);
      assertThat(count(two, RecommendFunction.NEXT_ITEM_LOADED_METRIC)).isEqualTo(1);
      assertThat(SharedEvidenceStores.leases(features))
          .as("the same shared stores, no version re-opened")
          .isEqualTo(2);

      // a file that is not a model, renamed into place: refused once, the refit's model kept
      Path junk = file.resolveSibling("junk");
      Files.writeString(junk, "not a model");
      Files.move(junk, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      assertThat(first(one, f.u1)).isEqualTo("E");
      assertThat(first(one, f.u1)).isEqualTo("E");
      assertThat(count(one, RecommendFunction.NEXT_ITEM_REFUSED_METRIC)).isEqualTo(1);
      assertThat(count(one, RecommendFunction.NEXT_ITEM_LOADED_METRIC)).isEqualTo(1);

      after("C", "streaming refit v3").write(file); // the next refit is read again
      assertThat(first(one, f.u1)).isEqualTo("C");
      assertThat(count(one, RecommendFunction.NEXT_ITEM_LOADED_METRIC)).isEqualTo(2);
      assertThat(first(two, f.u1)).isEqualTo("C");
      assertThat(count(two, RecommendFunction.NEXT_ITEM_REFUSED_METRIC))
          .as("two checked only after the good file replaced the bad one")
          .isZero();
    }
    assertThat(SharedEvidenceStores.leases(features)).isZero();
  }

  @Test
  void aModelPublishedWhereThereWasNoneIsPickedUp() throws Exception {
    Path features = dir.resolve("features");
    TinyFeatures f = new TinyFeatures(features);
    try (var h = open(f, features)) {
      assertThat(first(h, f.u1)).as("without a model the co-views rank E first").isEqualTo("E");
      after("C", "streaming refit v2").write(f.layout.nextItemModel());
      assertThat(first(h, f.u1)).isEqualTo("C");
      assertThat(count(h, RecommendFunction.NEXT_ITEM_LOADED_METRIC)).isEqualTo(1);
    }
  }
}
