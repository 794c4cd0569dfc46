package io.reasonflow.features.flink;

import io.reasonflow.features.core.FeatureSettings;
import io.reasonflow.features.core.Item2VecRound;
import io.reasonflow.features.core.Item2VecRow;
import io.reasonflow.features.core.SequenceCorpus;
import io.reasonflow.features.core.UserHistory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of data-parallel item2vec ({@link Item2VecRound}) in each subtask. Input 1: this
 * subtask's shard of the shoppers' histories, keyed by {@link CorpusOrderKey} (so BATCH mode sorts
 * it into a fixed order, and the key groups fix which subtask gets which shopper); it is spilled to
 * a {@link SequenceCorpus} file in the TaskManager's temporary directory. Input 2, broadcast: every
 * item's row of the model, the vocabulary before round 0, the previous round's merged rows after.
 * When both end, trains the shard from that model and emits its own row for every item, tagged with
 * the subtask index, for {@link AverageItem2Vec}; subtask 0 also emits the model it started from
 * (worker -1), to which merging by summed updates adds the changes. Memory: the vocabulary x
 * dimension x 2 floats of the model (held twice while it is handed to DL4J), not the shard.
 */
public final class TrainItem2VecRound extends AbstractStreamOperator<Item2VecRow>
    implements TwoInputStreamOperator<UserHistory, Item2VecRow, Item2VecRow>, BoundedMultiInput {
  private static final Logger LOG = LoggerFactory.getLogger(TrainItem2VecRound.class);
  private static final long serialVersionUID = 1L;

  /** Training milliseconds summed over subtasks and rounds: the work, not the wall time. */
  public static final String SUBTASK_MILLIS = "item2vec-subtask-millis";

  private final FeatureSettings settings;
  private final int round;
  private transient SequenceCorpus shard;
  private transient List<Item2VecRow> model;
  private transient int ended;

  public TrainItem2VecRound(FeatureSettings settings, int round) {
    this.settings = settings;
    this.round = round;
  }

  @Override
  public void open() throws Exception {
    super.open();
    String[] tmp = getContainingTask().getEnvironment().getTaskManagerInfo().getTmpDirectories();
    shard = SequenceCorpus.create(Path.of(tmp[0]));
    model = new ArrayList<>();
    getRuntimeContext().addAccumulator(roundMillis(round), new LongMaximum());
  }

  /**
   * The accumulator of round {@code round}'s slowest subtask: the round's share of training's wall
   * time (the rounds run one after another).
   */
  public static String roundMillis(int round) {
    return "item2vec-round-" + (round + 1) + "-millis";
  }

  @Override
  public void processElement1(StreamRecord<UserHistory> element) {
    for (List<String> seq : element.getValue().sequences(settings.sequenceMode())) {
      shard.add(seq);
    }
  }

  @Override
  public void processElement2(StreamRecord<Item2VecRow> element) {
    model.add(element.getValue());
  }

  @Override
  public void endInput(int inputId) {
    if (++ended < 2) {
      return;
    }
    int worker = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    if (worker == 0) {
      // the round's starting model, once: merging by summed updates adds each worker's change to it
      for (Item2VecRow r : Item2VecRound.start(model, settings)) {
        output.collect(new StreamRecord<>(r));
      }
    }
    long start = System.currentTimeMillis();
    List<Item2VecRow> rows;
    try {
      rows = Item2VecRound.train(shard, model, settings, round, worker, LOG::info);
    } finally {
      shard.close();
      shard = null;
      model = null;
    }
    long millis = System.currentTimeMillis() - start;
    getRuntimeContext().getLongCounter(SUBTASK_MILLIS).add(millis);
    getRuntimeContext().getAccumulator(roundMillis(round)).add(millis);
    LOG.info(
        String.format(
            "item2vec round %d/%d, subtask %d: %,d rows in %.1f s",
            round + 1, settings.rounds(), worker, rows.size(), millis / 1000.0));
    for (Item2VecRow r : rows) {
      output.collect(new StreamRecord<>(r));
    }
  }

  @Override
  public void close() throws Exception {
    try {
      if (shard != null) {
        shard.close(); // a failed or cancelled task leaves no corpus file behind
      }
    } finally {
      super.close();
    }
  }
}
