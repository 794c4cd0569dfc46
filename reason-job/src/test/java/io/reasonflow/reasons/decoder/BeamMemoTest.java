package io.reasonflow.reasons.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.reasons.evidence.PopularityBucket;
import io.reasonflow.reasons.evidence.Relation;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The memo changes what decoding costs, never what it returns. */
class BeamMemoTest {

  /** Evidence of every kind, with figures and similarities drawn at random around and across the buckets. */
  private static List<AnchorFacts> facts(int n, long seed) {
    Random rnd = new Random(seed);
    List<AnchorFacts> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean quotable = rnd.nextBoolean();
      double similarity = rnd.nextDouble() * 1.2 - 0.2;
      out.add(new AnchorFacts(quotable, rnd.nextBoolean(), similarity >= 0.5,
          Relation.values()[rnd.nextInt(Relation.values().length)],
          PopularityBucket.values()[rnd.nextInt(PopularityBucket.values().length)],
          quotable ? 5 + rnd.nextInt(120) : 0, quotable ? 1 + rnd.nextInt(30) : 0, similarity));
    }
    return out;
  }

  /**
   * Batched forward passes sum in a batch-dependent order, so a log-probability may differ in its last float bits
   * (3e-7 seen) between a memo batch of distinct keys and a fresh batch of all evidences: the tokens must be equal,
   * the scores within this tolerance.
   */
  static final double LOG_PROBABILITY_TOLERANCE = 1e-5;

  private static void sameBeams(List<List<Hypothesis>> actual, List<List<Hypothesis>> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).hasSameSizeAs(expected.get(i));
      for (int j = 0; j < expected.get(i).size(); j++) {
        Hypothesis a = actual.get(i).get(j);
        Hypothesis e = expected.get(i).get(j);
        assertThat(a.tokens()).as("beam %d.%d", i, j).isEqualTo(e.tokens());
        assertThat(a.complete()).isEqualTo(e.complete());
        assertThat(a.logProbability()).isCloseTo(e.logProbability(),
            org.assertj.core.data.Offset.offset(LOG_PROBABILITY_TOLERANCE));
      }
    }
  }

  @Test
  void memoisedBeamsEqualFreshlyDecodedOnes() {
    DecoderModel model = TrainedDecoders.get(ReasonLocale.EN);
    DecodingSettings settings = new DecodingSettings(4, 48, 0.7, 2);
    ConstrainedBeamSearch fresh = new ConstrainedBeamSearch(model, settings.withMemoise(false));
    ConstrainedBeamSearch memoised = new ConstrainedBeamSearch(model, settings);
    List<AnchorFacts> first = facts(150, 7);
    List<AnchorFacts> second = facts(150, 8);

    sameBeams(memoised.decode(first), fresh.decode(first));
    BeamMemo.Stats afterFirst = memoised.memoStats();
    sameBeams(memoised.decode(second), fresh.decode(second));
    BeamMemo.Stats stats = memoised.memoStats();

    // a key is decoded once, whether it repeats within a batch or across them: misses are the distinct keys, every
    // other evidence is a hit
    java.util.Set<Integer> firstKeys = new java.util.HashSet<>();
    first.forEach(f -> firstKeys.add(EvidenceFeatures.key(f)));
    java.util.Set<Integer> allKeys = new java.util.HashSet<>(firstKeys);
    second.forEach(f -> allKeys.add(EvidenceFeatures.key(f)));
    assertThat(afterFirst.keys()).isEqualTo(firstKeys.size()).isLessThan(150);
    assertThat(afterFirst.misses()).isEqualTo(firstKeys.size());
    assertThat(afterFirst.hits()).isEqualTo(150 - firstKeys.size());
    assertThat(second).anySatisfy(f -> assertThat(firstKeys).contains(EvidenceFeatures.key(f)));
    assertThat(stats.misses()).isEqualTo(allKeys.size()).isEqualTo(stats.keys());
    assertThat(stats.hits() + stats.misses()).isEqualTo(300);
    assertThat(fresh.memoStats().hits()).isZero();
  }

  @Test
  void theKeySeparatesEverythingTheConstraintsRead() {
    for (AnchorFacts a : facts(400, 11)) {
      for (AnchorFacts b : facts(400, 12)) {
        if (EvidenceFeatures.key(a) == EvidenceFeatures.key(b)) {
          assertThat(b.strongest()).isEqualTo(a.strongest());
          for (io.reasonflow.reasons.realise.Slot s : io.reasonflow.reasons.realise.Slot.values()) {
            assertThat(b.supports(s)).isEqualTo(a.supports(s));
          }
          for (Assertion as : Assertion.values()) {
            assertThat(b.supports(as)).isEqualTo(a.supports(as));
          }
        }
      }
    }
  }
}
