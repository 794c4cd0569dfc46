package io.reasonflow.features.flink;

import io.reasonflow.features.core.ContentVectors;
import io.reasonflow.features.core.TitleSample;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.InputSelectable;
import org.apache.flink.streaming.api.operators.InputSelection;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code fit-content-vectors}, at parallelism 1: one model over the catalogue's titles. Input 1:
 * each {@code sample-content-titles} subtask's {@link TitleCandidates}, read first ({@link
 * InputSelectable}), merged into the catalogue's {@link TitleSample} ({@code
 * features.content.fit-titles} titles, the same whatever the parallelism); input 2: item2vec's
 * vectors, of which it keeps those of sampled items. When both end it fits {@link ContentVectors}
 * on the sample and emits the model once, as one {@link ContentVectors.Model} record that {@code
 * item-features} takes as a broadcast to map the cold items it finds ({@link
 * AssembleItemFeatures}).
 *
 * <p>It fits nothing when no catalogue item can be cold: when the sample holds every catalogue
 * title with a word and each of them has a vector (the demo's Beauty, where item2vec learns every
 * item). With a catalogue larger than the sample, the items outside it are not checked here (that
 * would take the join {@code item-features} does), so it fits whenever a sampled item is cold or
 * the catalogue is larger than the sample. Memory and time are bounded by fit-titles, not by the
 * catalogue.
 */
public final class FitContentVectors extends AbstractStreamOperator<ContentVectors.Model>
    implements TwoInputStreamOperator<TitleCandidates, ItemFact, ContentVectors.Model>,
        BoundedMultiInput,
        InputSelectable {
  private static final Logger LOG = LoggerFactory.getLogger(FitContentVectors.class);
  private static final long serialVersionUID = 1L;
  private final ContentVectors.Settings settings;
  private transient TitleSample sample;
  private transient long seen;
  private transient long worded;
  private transient int parts;

  /** The sample, id to title, once input 1 has ended. */
  private transient Map<String, String> titles;

  private transient Map<String, float[]> vectors;

  public FitContentVectors(ContentVectors.Settings settings) {
    this.settings = settings;
  }

  @Override
  public void open() throws Exception {
    super.open();
    sample = new TitleSample(settings.fitTitles(), settings.seed());
    vectors = new HashMap<>();
  }

  @Override
  public InputSelection nextSelection() {
    return titles == null ? InputSelection.FIRST : InputSelection.SECOND;
  }

  @Override
  public void processElement1(StreamRecord<TitleCandidates> element) {
    TitleCandidates c = element.getValue();
    sample.addAll(Arrays.asList(c.titles()));
    seen += c.seen();
    worded += c.worded();
    parts++;
  }

  @Override
  public void processElement2(StreamRecord<ItemFact> element) {
    if (titles == null) {
      throw new IllegalStateException("an item2vec vector arrived before the title sample ended");
    }
    ItemFact f = element.getValue();
    if (titles.containsKey(f.key())) {
      vectors.put(f.key(), f.vector());
    }
  }

  @Override
  public void endInput(int inputId) {
    if (inputId == 1) {
      titles = new TreeMap<>();
      sample.entries().forEach(e -> titles.put(e.id(), e.title()));
      sample = null;
      return;
    }
    long coldInSample = titles.size() - vectors.size();
    boolean whole = worded <= titles.size();
    LOG.info(
        "content vectors: {} catalogue items ({} with a title word), a sample of {} titles merged"
            + " from {} subtasks (features.content.fit-titles {}), {} of them without an item2vec"
            + " vector",
        String.format("%,d", seen),
        String.format("%,d", worded),
        String.format("%,d", titles.size()),
        parts,
        settings.fitTitles() == 0 ? "0: all" : String.format("%,d", settings.fitTitles()),
        String.format("%,d", coldInSample));
    if (coldInSample == 0 && whole) {
      LOG.info("content vectors: no cold catalogue item, nothing to fit");
      return;
    }
    ContentVectors.fit(titles, vectors, settings, LOG::info)
        .ifPresent(c -> output.collect(new StreamRecord<>(c.model())));
    titles = Map.of();
    vectors = null;
  }
}
