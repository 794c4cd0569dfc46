package io.reasonflow.reasons.decoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The beams already decoded, by {@link EvidenceFeatures#key}. Beam search is deterministic and sees
 * an evidence only through that key (names and figures are filled in after decoding, and every
 * constraint is a function of the features), so two evidences with the same key get the same beams;
 * the memo only saves the forward passes. On the Beauty sample a few hundred keys cover every
 * shopper's top 10, so after the first batches nearly every reason is a lookup. Which beam a
 * shopper sees is still picked per shopper and item, after this ({@link NeuralRealiser}).
 *
 * <p>Bounded: at most {@link #CAPACITY} keys are kept (18 on/off features allow far more than real
 * evidence shows); past that, new keys are decoded every time. Thread-safe: two threads may decode
 * the same new key at once, and both get the same beams.
 */
public final class BeamMemo {
  static final int CAPACITY = 16_384;

  /** Lookups answered from the memo, decoded, and keys held. */
  public record Stats(long hits, long misses, int keys) {
    public double hitRate() {
      return hits + misses == 0 ? 0 : (double) hits / (hits + misses);
    }
  }

  private final Map<Integer, List<Hypothesis>> beams = new ConcurrentHashMap<>();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  /**
   * The beams for each of {@code facts}: remembered ones as they are, the others through {@code
   * decoder} in one call, each distinct key once.
   */
  List<List<Hypothesis>> decode(
      List<AnchorFacts> facts, Function<List<AnchorFacts>, List<List<Hypothesis>>> decoder) {
    int[] keys = new int[facts.size()];
    Map<Integer, AnchorFacts> missing = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      keys[i] = EvidenceFeatures.key(facts.get(i));
      if (!beams.containsKey(keys[i])) {
        missing.putIfAbsent(keys[i], facts.get(i));
      }
    }
    // a miss is a decoding the network runs, once per new key; every other evidence is answered
    // without one
    misses.add(missing.size());
    hits.add(keys.length - missing.size());
    Map<Integer, List<Hypothesis>> fresh = new LinkedHashMap<>();
    if (!missing.isEmpty()) {
      List<Integer> order = new ArrayList<>(missing.keySet());
      List<List<Hypothesis>> decoded = decoder.apply(new ArrayList<>(missing.values()));
      for (int j = 0; j < order.size(); j++) {
        fresh.put(order.get(j), decoded.get(j));
        if (beams.size() < CAPACITY) {
          beams.putIfAbsent(order.get(j), decoded.get(j));
        }
      }
    }
    List<List<Hypothesis>> out = new ArrayList<>(keys.length);
    for (int key : keys) {
      List<Hypothesis> b = fresh.get(key);
      out.add(b != null ? b : beams.get(key));
    }
    return out;
  }

  Stats stats() {
    return new Stats(hits.sum(), misses.sum(), beams.size());
  }
}
