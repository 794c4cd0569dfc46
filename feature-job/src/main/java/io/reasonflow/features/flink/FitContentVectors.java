package io.reasonflow.features.flink;

import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.features.core.ContentVectors;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input 1: item2vec's vectors; input 2: the catalogue. When both end, passes every item2vec vector
 * on and adds a {@link ContentVectors content vector} for each catalogue item item2vec did not
 * learn (cold start), fitted on the whole catalogue's titles and the learned vectors. Parallelism
 * 1, like {@link TrainItem2Vec}: the fit is one model over the catalogue, so this operator's memory
 * grows with the catalogue (titles, vectors, word vectors), not with the event history. With no
 * cold catalogue item it fits nothing.
 */
public final class FitContentVectors extends AbstractStreamOperator<ItemPiece>
    implements TwoInputStreamOperator<ItemFact, Item, ItemPiece>, BoundedMultiInput {
  private static final Logger LOG = LoggerFactory.getLogger(FitContentVectors.class);
  private static final long serialVersionUID = 1L;
  private final ContentVectors.Settings settings;
  private transient Map<String, float[]> vectors;
  private transient Map<String, String> titles;
  private transient int ended;

  public FitContentVectors(ContentVectors.Settings settings) {
    this.settings = settings;
  }

  @Override
  public void open() throws Exception {
    super.open();
    vectors = new HashMap<>();
    titles = new HashMap<>();
  }

  @Override
  public void processElement1(StreamRecord<ItemFact> element) {
    ItemFact f = element.getValue();
    vectors.put(f.key(), f.vector());
  }

  @Override
  public void processElement2(StreamRecord<Item> element) {
    Item item = element.getValue();
    titles.put(item.id(), item.title());
  }

  @Override
  public void endInput(int inputId) {
    if (++ended < 2) {
      return;
    }
    vectors.forEach(
        (id, v) ->
            output.collect(
                new StreamRecord<>(ItemPiece.vector(id, v, ItemFeatures.VectorSource.BEHAVIOUR))));
    Map<String, String> cold = new HashMap<>(titles);
    cold.keySet().removeAll(vectors.keySet());
    if (cold.isEmpty() || vectors.isEmpty()) {
      return;
    }
    Optional<ContentVectors> content = ContentVectors.fit(titles, vectors, settings, LOG::info);
    if (content.isEmpty()) {
      return;
    }
    cold.forEach(
        (id, title) ->
            content
                .get()
                .vector(title)
                .ifPresent(
                    v ->
                        output.collect(
                            new StreamRecord<>(
                                ItemPiece.vector(id, v, ItemFeatures.VectorSource.CONTENT)))));
    vectors = null;
    titles = null;
  }
}
