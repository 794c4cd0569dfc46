package io.reasonflow.features.flink;

import io.reasonflow.features.core.FeatureSettings;
import io.reasonflow.features.core.Item2Vec;
import io.reasonflow.features.core.UserHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Gathers every shopper's item sequences and trains item2vec once, when the (bounded) input ends; then emits one
 * vector fact per learned item. Must run with parallelism 1: skip-gram needs the whole corpus in one model.
 */
public final class TrainItem2Vec extends AbstractStreamOperator<ItemFact>
    implements OneInputStreamOperator<UserHistory, ItemFact>, BoundedOneInput {
  private static final long serialVersionUID = 1L;
  public static final String TRAIN_MILLIS = "train-millis";

  private final FeatureSettings settings;
  private transient List<List<String>> corpus;

  public TrainItem2Vec(FeatureSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open() throws Exception {
    super.open();
    corpus = new ArrayList<>();
  }

  @Override
  public void processElement(StreamRecord<UserHistory> element) {
    for (List<String> seq : element.getValue().sequences(settings.sequenceMode())) {
      if (!seq.isEmpty()) {
        corpus.add(seq);
      }
    }
  }

  @Override
  public void endInput() {
    System.err.printf("[features] item2vec: training on %,d sequences (dim %d, window %d, %d epochs)%n",
        corpus.size(), settings.dim(), settings.window(), settings.epochs());
    Item2Vec.Result r = Item2Vec.train(corpus, settings, line -> System.err.println("[features] " + line));
    corpus.clear();
    corpus = null;
    getRuntimeContext().getLongCounter(TRAIN_MILLIS).add(r.trainMillis());
    System.err.printf("[features] item2vec: %,d item vectors from %,d tokens in %.1f s%n", r.vectors().size(),
        r.tokens(), r.trainMillis() / 1000.0);
    for (Map.Entry<String, float[]> e : r.vectors().entrySet()) {
      output.collect(new StreamRecord<>(ItemFact.vector(e.getKey(), e.getValue())));
    }
  }
}
