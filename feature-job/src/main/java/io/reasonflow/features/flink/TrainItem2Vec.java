package io.reasonflow.features.flink;

import io.reasonflow.features.core.FeatureSettings;
import io.reasonflow.features.core.Item2Vec;
import io.reasonflow.features.core.SequenceCorpus;
import io.reasonflow.features.core.UserHistory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers every shopper's item sequences and trains item2vec once, when the (bounded) input ends;
 * then emits one vector fact per learned item. Must run with parallelism 1: skip-gram needs the
 * whole corpus in one model. The sequences go to a {@link SequenceCorpus} file in the TaskManager's
 * temporary directory, not into the heap, so the operator's memory grows with the catalogue (the
 * token table and DL4J's weights), not with the history. The job keys its input by {@link
 * CorpusOrderKey}, so in BATCH mode the sequences arrive, and are trained on, in one fixed order
 * whatever the upstream parallelism and timing.
 */
public final class TrainItem2Vec extends AbstractStreamOperator<ItemFact>
    implements OneInputStreamOperator<UserHistory, ItemFact>, BoundedOneInput {
  private static final Logger LOG = LoggerFactory.getLogger(TrainItem2Vec.class);
  private static final long serialVersionUID = 1L;
  public static final String TRAIN_MILLIS = "train-millis";

  private final FeatureSettings settings;
  private transient SequenceCorpus corpus;

  public TrainItem2Vec(FeatureSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open() throws Exception {
    super.open();
    String[] tmp = getContainingTask().getEnvironment().getTaskManagerInfo().getTmpDirectories();
    corpus = SequenceCorpus.create(Path.of(tmp[0]));
  }

  @Override
  public void processElement(StreamRecord<UserHistory> element) {
    for (List<String> seq : element.getValue().sequences(settings.sequenceMode())) {
      corpus.add(seq);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      if (corpus != null) {
        corpus.close(); // a failed or cancelled task leaves no corpus file behind
      }
    } finally {
      super.close();
    }
  }

  @Override
  public void endInput() {
    LOG.info(
        String.format(
            "item2vec: training on %,d sequences, %,d items (dim %d, window %d, %d epochs)",
            corpus.sequences(),
            corpus.items(),
            settings.dim(),
            settings.window(),
            settings.epochs()));
    Item2Vec.Result r;
    try {
      r = Item2Vec.train(corpus, settings, LOG::info);
    } finally {
      corpus.close();
      corpus = null;
    }
    getRuntimeContext().getLongCounter(TRAIN_MILLIS).add(r.trainMillis());
    LOG.info(
        String.format(
            "item2vec: %,d item vectors from %,d tokens in %.1f s",
            r.vectors().size(), r.tokens(), r.trainMillis() / 1000.0));
    for (Map.Entry<String, float[]> e : r.vectors().entrySet()) {
      output.collect(new StreamRecord<>(ItemFact.vector(e.getKey(), e.getValue())));
    }
  }
}
