package io.reasonflow.features.flink;

import io.reasonflow.features.core.UserHistory;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * The order of item2vec's training corpus: a shopper's histories keyed by (seeded hash of the
 * shopper id, shopper id). Keying {@code train-item2vec}'s input makes Flink's BATCH mode sort it
 * by this key before the operator sees it (a keyed one-input operator gets a sorted input, {@code
 * execution.sorted-inputs.enabled}, on by default; the sort spills to disk, so memory does not grow
 * with the corpus). Without it the corpus is in the order the upstream subtasks' records arrive,
 * which varies from run to run; skip-gram's result depends on that order (its learning rate decays
 * along the corpus, and item tokens are numbered by first appearance), so the vectors, and every
 * neighbour list and recommendation built on them, varied too.
 *
 * <p>The hash spreads shoppers in an order unrelated to their ids (ids are often assigned by
 * sign-up time or region, which alphabetical order would train on last); the seed is item2vec's
 * own, so another seed also gives another order. The id after the hash makes the key unique, so
 * shoppers whose hashes collide still have one order. The sort compares the key's serialised bytes:
 * the hash as 8 big-endian bytes, then the id; a fixed order, not a numeric one.
 */
public final class CorpusOrderKey implements KeySelector<UserHistory, Tuple2<Long, String>> {
  private static final long serialVersionUID = 1L;
  private final long seed;

  public CorpusOrderKey(long seed) {
    this.seed = seed;
  }

  @Override
  public Tuple2<Long, String> getKey(UserHistory h) {
    return Tuple2.of(hash(seed, h.userId()), h.userId());
  }

  /**
   * FNV-1a over the id's UTF-16 chars, started from the seed, then SplitMix64's finaliser so that
   * ids differing in their last character land far apart. Defined here rather than {@link
   * String#hashCode} so that the order is fixed by this code, not by a JVM's implementation.
   */
  static long hash(long seed, String id) {
    long h = 0xcbf29ce484222325L ^ seed;
    for (int i = 0; i < id.length(); i++) {
      h = (h ^ id.charAt(i)) * 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }
}
