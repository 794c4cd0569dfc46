package io.reasonflow.features.flink;

import io.reasonflow.features.core.SeededHash;
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
    return Tuple2.of(SeededHash.of(seed, h.userId()), h.userId());
  }
}
