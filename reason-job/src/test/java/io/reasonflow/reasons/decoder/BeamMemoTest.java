package io.reasonflow.reasons.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.reasons.evidence.PopularityBucket;
import io.reasonflow.reasons.evidence.Relation;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The memo changes what decoding costs, never what it returns. */
class BeamMemoTest {

  /**
   * Evidence of every kind, with figures and similarities drawn at random around and across the
   * buckets.
   */
  private static List<AnchorFacts> facts(int n, long seed) {
    Random rnd = new Random(seed);
    List<AnchorFacts> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean quotable = rnd.nextBoolean();
      double similarity = rnd.nextDouble() * 1.2 - 0.2;
      out.add(
          new AnchorFacts(
              quotable,
              rnd.nextBoolean(),
              similarity >= 0.5,
              Relation.values()[rnd.nextInt(Relation.values().length)],
              PopularityBucket.values()[rnd.nextInt(PopularityBucket.values().length)],
              quotable ? 5 + rnd.nextInt(120) : 0,
              quotable ? 1 + rnd.nextInt(30) : 0,
              similarity));
    }
    return out;
  }

  @Test
  void memoisedBeamsEqualFreshlyDecodedOnes() {
    DecoderModel model = TrainedDecoders.get(ReasonLocale.EN);
    DecodingSettings settings = new DecodingSettings(4, 48, 0.7, 2);
    ConstrainedBeamSearch fresh = new ConstrainedBeamSearch(model, settings.withMemoise(false));
    ConstrainedBeamSearch memoised = new ConstrainedBeamSearch(model, settings);
    List<AnchorFacts> first = facts(150, 7);
    List<AnchorFacts> second = facts(150, 8);

    // Compared on one deterministic path: the fresh decoder gets the very batches the memo hands it
    // (each new key once, in first-seen order). A batch's matrix products round each row
    // differently with the batch's shape and the CPU's kernels, so the same evidence decoded among
    // 150 rows or among 40 differs in the 8th digit of its log-probabilities and near-tied beams
    // swap; equality across batch shapes holds on no machine in general.
    Map<Integer, List<Hypothesis>> decodedByKey = new HashMap<>();
    assertThat(memoised.decode(first)).isEqualTo(expected(fresh, first, decodedByKey));
    BeamMemo.Stats afterFirst = memoised.memoStats();
    assertThat(memoised.decode(second)).isEqualTo(expected(fresh, second, decodedByKey));
    BeamMemo.Stats stats = memoised.memoStats();

    // a key is decoded once, whether it repeats within a batch or across them: misses are the
    // distinct keys, every other evidence is a hit
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

  /**
   * What the memo must answer for {@code facts}: the beams decoded earlier for a known key, and for
   * the new keys a fresh decoding of one evidence per key, in the order the keys first appear (the
   * batch the memo decodes).
   */
  private static List<List<Hypothesis>> expected(
      ConstrainedBeamSearch fresh,
      List<AnchorFacts> facts,
      Map<Integer, List<Hypothesis>> decodedByKey) {
    Map<Integer, AnchorFacts> newKeys = new LinkedHashMap<>();
    for (AnchorFacts f : facts) {
      int key = EvidenceFeatures.key(f);
      if (!decodedByKey.containsKey(key)) {
        newKeys.putIfAbsent(key, f);
      }
    }
    List<List<Hypothesis>> decoded = fresh.decode(new ArrayList<>(newKeys.values()));
    int i = 0;
    for (int key : newKeys.keySet()) {
      decodedByKey.put(key, decoded.get(i++));
    }
    return facts.stream().map(f -> decodedByKey.get(EvidenceFeatures.key(f))).toList();
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
