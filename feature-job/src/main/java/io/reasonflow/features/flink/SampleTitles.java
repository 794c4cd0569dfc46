package io.reasonflow.features.flink;

import io.reasonflow.common.model.Item;
import io.reasonflow.features.core.TitleSample;
import io.reasonflow.features.core.TitleWords;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * {@code sample-content-titles}, at the job's parallelism, on the catalogue as it is parsed (so
 * while item2vec trains, not after): keeps this subtask's {@link TitleSample} of the titles (at
 * most {@code features.content.fit-titles}, by seeded hash of the id), counts its entries and those
 * with a word, and at the end of input sends all three to the content fit as one {@link
 * TitleCandidates}. The fit then receives at most parallelism x fit-titles titles, not the
 * catalogue, and keeps the sample's size of them: the whole catalogue's sample whatever the split.
 * Memory: the sample's titles.
 */
public final class SampleTitles extends AbstractStreamOperator<TitleCandidates>
    implements OneInputStreamOperator<Item, TitleCandidates>, BoundedOneInput {
  private static final long serialVersionUID = 1L;
  private final int size;
  private final long seed;
  private transient TitleSample sample;
  private transient long seen;
  private transient long worded;

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
    worded = 0;
  }

  @Override
  public void processElement(StreamRecord<Item> element) {
    Item item = element.getValue();
    String title = item.title() == null ? "" : item.title();
    seen++;
    if (!TitleWords.of(title).isEmpty()) {
      worded++;
      sample.add(new TitleSample.Entry(item.id(), title));
    }
  }

  @Override
  public void endInput() {
    output.collect(
        new StreamRecord<>(
            new TitleCandidates(sample.entries().toArray(TitleSample.Entry[]::new), seen, worded)));
    sample = null;
  }
}
