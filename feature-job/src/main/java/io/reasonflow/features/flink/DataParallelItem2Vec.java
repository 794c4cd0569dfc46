package io.reasonflow.features.flink;

import io.reasonflow.common.model.VectorMath;
import io.reasonflow.features.core.FeatureSettings;
import io.reasonflow.features.core.Item2VecRow;
import io.reasonflow.features.core.UserHistory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * The backfill's item2vec trained by {@code workers} subtasks at once, as rounds unrolled in the
 * job graph (Flink 2.x has no iterations in BATCH mode, and a round count fixed in the
 * configuration needs none):
 *
 * <ol>
 *   <li>{@code item2vec-vocabulary}: every item's occurrences in the whole corpus, summed by item;
 *   <li>for each round r: {@code item2vec-round-r} ({@link TrainItem2VecRound}), each subtask
 *       training its shard of the shoppers (keyed by {@link CorpusOrderKey}) from the previous
 *       model, broadcast to it (subtask 0 also passes that model on); then {@code
 *       item2vec-average-r} ({@link AverageItem2Vec}), keyed by item, merging the subtasks' rows
 *       into the next model (summed updates, or their average);
 *   <li>{@code item2vec-vectors}: each item's final input vector, L2-normalised, at parallelism 1
 *       and keyed by item, so that BATCH mode hands them on sorted by item: the models fitted on
 *       them downstream see them in one order whatever the subtasks' timing.
 * </ol>
 *
 * Each round reads the histories again rather than a file the previous round left on a
 * TaskManager's disk, so a subtask may run on any TaskManager. The result depends only on the
 * events and the number of workers: the same shards (key groups), the same order within each (the
 * sort), one seed for every worker's initial weights, and merges summed in subtask order.
 */
public final class DataParallelItem2Vec {
  private DataParallelItem2Vec() {}

  /** Wires training onto {@code histories}; returns a vector fact per learned item. */
  public static SingleOutputStreamOperator<ItemFact> wire(
      DataStream<UserHistory> histories, FeatureSettings settings, int workers) {
    if (workers < 2) {
      throw new IllegalArgumentException("data-parallel training needs 2 or more workers");
    }
    DataStream<Item2VecRow> model =
        histories
            .flatMap(new ItemOccurrences(settings.sequenceMode()))
            .name("item2vec-occurrences")
            .uid("item2vec-occurrences")
            .setParallelism(workers)
            .keyBy(new RowItem())
            .reduce(new SumOccurrences())
            .name("item2vec-vocabulary")
            .uid("item2vec-vocabulary")
            .setParallelism(workers);
    for (int r = 0; r < settings.rounds(); r++) {
      String n = Integer.toString(r + 1);
      DataStream<Item2VecRow> trained =
          histories
              .keyBy(new CorpusOrderKey(settings.seed()))
              .connect(model.broadcast())
              .transform(
                  "item2vec-round-" + n,
                  TypeInformation.of(Item2VecRow.class),
                  new TrainItem2VecRound(settings, r))
              .uid("item2vec-round-" + n)
              .setParallelism(workers);
      model =
          trained
              .keyBy(new RowItem())
              .process(new AverageItem2Vec(settings.merge()))
              .name("item2vec-average-" + n)
              .uid("item2vec-average-" + n)
              .setParallelism(workers);
    }
    return model
        .keyBy(new RowItem())
        .flatMap(new FinalVector())
        .name("item2vec-vectors")
        .uid("item2vec-vectors")
        .setParallelism(1);
  }

  /** A row's item. */
  static final class RowItem implements KeySelector<Item2VecRow, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(Item2VecRow r) {
      return r.item();
    }
  }

  /** A history's items with their occurrences in its training sequences. */
  static final class ItemOccurrences implements FlatMapFunction<UserHistory, Item2VecRow> {
    private static final long serialVersionUID = 1L;
    private final FeatureSettings.SequenceMode mode;

    ItemOccurrences(FeatureSettings.SequenceMode mode) {
      this.mode = mode;
    }

    @Override
    public void flatMap(UserHistory h, Collector<Item2VecRow> out) {
      Map<String, Long> counts = new HashMap<>();
      for (List<String> seq : h.sequences(mode)) {
        for (String item : seq) {
          counts.merge(item, 1L, Long::sum);
        }
      }
      counts.forEach((item, n) -> out.collect(Item2VecRow.vocabulary(item, n)));
    }
  }

  /** Sums an item's occurrences (whole numbers: the order of the sum does not matter). */
  static final class SumOccurrences implements ReduceFunction<Item2VecRow> {
    private static final long serialVersionUID = 1L;

    @Override
    public Item2VecRow reduce(Item2VecRow a, Item2VecRow b) {
      return Item2VecRow.vocabulary(a.item(), a.count() + b.count());
    }
  }

  /** The final input vector, L2-normalised; an all-zero one is dropped. */
  static final class FinalVector implements FlatMapFunction<Item2VecRow, ItemFact> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(Item2VecRow r, Collector<ItemFact> out) {
      float[] v = r.syn0().clone();
      if (VectorMath.normalise(v)) {
        out.collect(ItemFact.vector(r.item(), v));
      }
    }
  }
}
