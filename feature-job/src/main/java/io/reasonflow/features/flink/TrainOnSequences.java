package io.reasonflow.features.flink;

import io.reasonflow.features.core.FeatureSettings;
import io.reasonflow.features.core.IndexedSequences;
import io.reasonflow.features.core.UserHistory;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * An operator that gathers every shopper's item sequence as ints ({@link IndexedSequences}) and,
 * when its bounded input ends, trains a sequential model on them and writes it to {@link #file}
 * ({@link TrainSeqRec}, {@link TrainNextItem}). Emits nothing; the file is its output.
 */
abstract class TrainOnSequences extends AbstractStreamOperator<Long>
    implements OneInputStreamOperator<UserHistory, Long>, BoundedOneInput {
  private static final long serialVersionUID = 1L;

  /** Where the model is written. */
  protected final String file;

  /** The sequences so far; after {@link #release()} only their item numbering. */
  protected transient IndexedSequences corpus;

  TrainOnSequences(String file) {
    this.file = file;
  }

  /** The newest items of a shopper's sequence that are kept. */
  protected abstract int itemsPerSequence();

  @Override
  public void open() throws Exception {
    super.open();
    corpus = new IndexedSequences();
  }

  @Override
  public void processElement(StreamRecord<UserHistory> element) {
    for (var seq : element.getValue().sequences(FeatureSettings.SequenceMode.USER)) {
      corpus.add(seq, itemsPerSequence());
    }
  }

  /** Frees the sequences once the model is trained (or not trained). */
  protected void release() {
    corpus.releaseSequences();
  }
}
