package io.reasonflow.features.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Data-parallel item2vec in one process, round by round as the backfill's {@code item2vec-round-*}
 * and {@code item2vec-average-*} operators run it: the same {@link Item2VecRound} and {@link
 * ParameterAveraging} merge, with the workers run one after the other. For evaluation ({@code
 * eval-recs} with {@code features.item2vec.parallelism} above 1) and tests. Sequence i goes to
 * worker {@code i mod workers}; the backfill shards by Flink's key groups of {@code CorpusOrderKey}
 * instead, which is likewise a fixed, balanced split.
 */
public final class ShardedItem2Vec {
  private ShardedItem2Vec() {}

  public static Item2Vec.Result train(
      List<? extends List<String>> sequences,
      FeatureSettings s,
      int workers,
      Consumer<String> progress) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be positive: " + workers);
    }
    long start = System.currentTimeMillis();
    List<SequenceCorpus> shards = new ArrayList<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    long tokens = 0;
    try {
      for (int w = 0; w < workers; w++) {
        shards.add(SequenceCorpus.of(List.of()));
      }
      for (int i = 0; i < sequences.size(); i++) {
        List<String> seq = sequences.get(i);
        shards.get(i % workers).add(seq);
        for (String item : seq) {
          counts.merge(item, 1L, Long::sum);
        }
        tokens += seq.size();
      }
      List<Item2VecRow> model = new ArrayList<>();
      counts.forEach((item, n) -> model.add(Item2VecRow.vocabulary(item, n)));
      long vocabMillis = System.currentTimeMillis() - start;
      for (int round = 0; round < s.rounds(); round++) {
        Map<String, List<Item2VecRow>> byItem = new TreeMap<>();
        for (Item2VecRow r : Item2VecRound.start(model, s)) {
          byItem.computeIfAbsent(r.item(), k -> new ArrayList<>()).add(r);
        }
        for (int w = 0; w < workers; w++) {
          for (Item2VecRow r : Item2VecRound.train(shards.get(w), model, s, round, w, progress)) {
            byItem.computeIfAbsent(r.item(), k -> new ArrayList<>()).add(r);
          }
        }
        model.clear();
        byItem.values().forEach(rows -> model.add(ParameterAveraging.merge(rows, s.merge())));
        progress.accept(
            String.format(
                "item2vec: round %d/%d merged over %d workers, %.1f s so far",
                round + 1, s.rounds(), workers, (System.currentTimeMillis() - start) / 1000.0));
      }
      return new Item2Vec.Result(
          Item2VecRound.vectors(model), tokens, System.currentTimeMillis() - start, vocabMillis);
    } finally {
      shards.forEach(SequenceCorpus::close);
    }
  }
}
