package io.reasonflow.features.flink;

import io.reasonflow.features.core.ContentModelFile;
import io.reasonflow.features.core.ContentVectors;
import io.reasonflow.features.core.TitleSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
 * on the sample and writes the model once, as a {@link ContentModelFile} stamped with the run's
 * model version, for {@code item-features} ({@link AssembleItemFeatures}) to map the cold items it
 * finds. It emits nothing: its (empty) output goes into {@code item-features}' input only so that
 * BATCH mode starts {@code item-features} after it, with the file written.
 *
 * <p>It fits nothing when no catalogue item can be cold: when the sample holds every catalogue
 * title with a word and each of them has a vector (the demo's Beauty, where item2vec learns every
 * item). With a catalogue larger than the sample, the items outside it are joined with their
 * vectors only in {@code item-features}, after this, so it fits whenever the catalogue is larger
 * than the sample or a sampled item is cold. When it fits nothing it removes any model file an
 * earlier run left at the path. Memory and time are bounded by fit-titles, not by the catalogue.
 */
public final class FitContentVectors extends AbstractStreamOperator<ItemPiece>
    implements TwoInputStreamOperator<TitleCandidates, ItemFact, ItemPiece>,
        BoundedMultiInput,
        InputSelectable {
  private static final Logger LOG = LoggerFactory.getLogger(FitContentVectors.class);
  private static final long serialVersionUID = 1L;
  private final ContentVectors.Settings settings;
  private final String modelFile;
  private final long modelVersion;
  private transient TitleSample sample;
  private transient long seen;
  private transient long worded;
  private transient int parts;

  /** The sample, id to title, once input 1 has ended. */
  private transient Map<String, String> titles;

  private transient Map<String, float[]> vectors;

  /**
   * @param modelFile where to write the model (a path every TaskManager sees, as for the job's
   *     other outputs)
   * @param modelVersion the run's model version, stamped in the file
   */
  public FitContentVectors(ContentVectors.Settings settings, String modelFile, long modelVersion) {
    this.settings = settings;
    this.modelFile = modelFile;
    this.modelVersion = modelVersion;
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
  public void endInput(int inputId) throws IOException {
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
    Path file = Path.of(modelFile);
    Optional<ContentVectors> fitted = Optional.empty();
    if (coldInSample == 0 && whole) {
      LOG.info("content vectors: no cold catalogue item, nothing to fit");
    } else {
      fitted = ContentVectors.fit(titles, vectors, settings, LOG::info);
    }
    titles = Map.of();
    vectors = null;
    if (fitted.isPresent()) {
      ContentModelFile.write(file, modelVersion, fitted.get().model());
      LOG.info("content vectors: model {} -> {}", modelVersion, file);
    } else {
      Files.deleteIfExists(file); // an earlier run's: no item of this run is mapped with it
    }
  }
}
