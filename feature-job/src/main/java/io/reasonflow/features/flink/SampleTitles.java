package io.reasonflow.features.flink;

import io.reasonflow.features.core.TitleSample;
import io.reasonflow.features.core.TitledItem;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * {@code sample-content-titles}, at the job's parallelism: keeps this subtask's {@link TitleSample}
 * of the titles it sees (at most {@code features.content.fit-titles}, by seeded hash of the id),
 * counts its cold items, and at the end of input sends both to the content fit as one {@link
 * TitleCandidates}. The fit then receives at most parallelism x fit-titles titles, not the
 * catalogue; it keeps the sample's size of them, which are the whole catalogue's sample whatever
 * the split. Memory: the sample's titles and vectors.
 */
public final class SampleTitles extends AbstractStreamOperator<TitleCandidates>
    implements OneInputStreamOperator<TitledItem, TitleCandidates>, BoundedOneInput {
  private static final long serialVersionUID = 1L;
  private final int size;
  private final long seed;
  private transient TitleSample sample;
  private transient long seen;
  private transient long cold;

  /**
   * @param size titles kept ({@code features.content.fit-titles}; 0: all)
   * @param seed the sample's hash seed ({@code features.item2vec.seed})
   */
  public SampleTitles(int size, long seed) {
    this.size = size;
    this.seed = seed;
  }

  @Override
  public void open() throws Exception {
    super.open();
    sample = new TitleSample(size, seed);
    seen = 0;
    cold = 0;
  }

  @Override
  public void processElement(StreamRecord<TitledItem> element) {
    TitledItem item = element.getValue();
    seen++;
    if (item.cold()) {
      cold++;
    }
    sample.add(item);
  }

  @Override
  public void endInput() {
    output.collect(
        new StreamRecord<>(
            new TitleCandidates(sample.items().toArray(TitledItem[]::new), seen, cold)));
    sample = null;
  }
}
