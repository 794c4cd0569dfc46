package io.reasonflow.features.flink;

import io.reasonflow.features.core.ContentVectors;
import io.reasonflow.features.core.TitleSample;
import io.reasonflow.features.core.TitledItem;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code fit-content-vectors}, at parallelism 1: one model over the catalogue's titles. Takes each
 * {@code sample-content-titles} subtask's {@link TitleCandidates}, keeps the {@link TitleSample} of
 * them ({@code features.content.fit-titles} titles, the same whatever the parallelism), and when
 * its input ends fits {@link ContentVectors} on it and emits the model once, as one {@link
 * ContentVectors.Model} record for {@link MapColdItems} to broadcast. With no cold item anywhere,
 * or no sampled item with an item2vec vector, it fits and emits nothing. Memory and time are
 * bounded by fit-titles, not by the catalogue.
 */
public final class FitContentVectors extends AbstractStreamOperator<ContentVectors.Model>
    implements OneInputStreamOperator<TitleCandidates, ContentVectors.Model>, BoundedOneInput {
  private static final Logger LOG = LoggerFactory.getLogger(FitContentVectors.class);
  private static final long serialVersionUID = 1L;
  private final ContentVectors.Settings settings;
  private transient TitleSample sample;
  private transient long seen;
  private transient long cold;
  private transient int parts;

  public FitContentVectors(ContentVectors.Settings settings) {
    this.settings = settings;
  }

  @Override
  public void open() throws Exception {
    super.open();
    sample = new TitleSample(settings.fitTitles(), settings.seed());
    seen = 0;
    cold = 0;
    parts = 0;
  }

  @Override
  public void processElement(StreamRecord<TitleCandidates> element) {
    TitleCandidates c = element.getValue();
    sample.addAll(Arrays.asList(c.items()));
    seen += c.seen();
    cold += c.cold();
    parts++;
  }

  @Override
  public void endInput() {
    if (cold == 0) {
      LOG.info("content vectors: no cold catalogue item, nothing to fit");
      return;
    }
    LOG.info(
        "content vectors: {} catalogue items, {} of them cold; fitting on a sample of {} titles"
            + " (features.content.fit-titles {}), merged from {} subtasks",
        String.format("%,d", seen),
        String.format("%,d", cold),
        String.format("%,d", sample.size()),
        settings.fitTitles() == 0 ? "0: all" : String.format("%,d", settings.fitTitles()),
        parts);
    Map<String, String> titles = new HashMap<>();
    Map<String, float[]> behaviour = new HashMap<>();
    for (TitledItem item : sample.items()) {
      titles.put(item.id(), item.title());
      if (!item.cold()) {
        behaviour.put(item.id(), item.vector());
      }
    }
    sample = null;
    Optional<ContentVectors> content = ContentVectors.fit(titles, behaviour, settings, LOG::info);
    content.ifPresent(c -> output.collect(new StreamRecord<>(c.model())));
  }
}
