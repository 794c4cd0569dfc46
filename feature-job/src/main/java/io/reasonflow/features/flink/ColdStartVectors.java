package io.reasonflow.features.flink;

import io.reasonflow.common.model.Item;
import io.reasonflow.features.core.ContentModelFile;
import io.reasonflow.features.core.ContentVectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The backfill's cold-start content model as stages, so that only the fit of one model runs in one
 * subtask, on a bounded sample of the titles, and the cold items are mapped where they are:
 *
 * <ol>
 *   <li>{@code sample-content-titles} ({@link SampleTitles}), on the parsed catalogue at the job's
 *       parallelism: each subtask's sample of the titles, at most {@code
 *       features.content.fit-titles};
 *   <li>{@code fit-content-vectors} ({@link FitContentVectors}), parallelism 1: the catalogue's
 *       sample, then item2vec's vectors of the sampled items; the fit; the model written once to a
 *       {@link ContentModelFile} (none when no item can be cold);
 *   <li>then {@code item-features} ({@link AssembleItemFeatures}), keyed by item, maps each
 *       catalogue item that has no item2vec vector with that model, read by each subtask at its
 *       first cold item.
 * </ol>
 *
 * The path from item2vec's end to the item rows has the same stages as when one operator did it all
 * (the fit, then {@code item-features} with one keyed input): the sample is drawn while item2vec
 * trains, and the cold items are found by the join that writes the rows anyway. The sample depends
 * only on the item ids and {@code features.item2vec.seed}, and the fit sees it in id order, so the
 * content vectors are the same at any parallelism.
 */
public final class ColdStartVectors {
  private ColdStartVectors() {}

  /**
   * Wires the sample and the fit; returns the fit's output, which is empty: union it into {@code
   * item-features}' input so that BATCH mode runs {@code item-features} after the fit.
   *
   * @param catalogue the parsed catalogue
   * @param learned item2vec's vectors
   * @param modelFile where the fit writes the model ({@link ContentModelFile#FILE_NAME} in the
   *     output directory)
   * @param modelVersion the run's model version
   * @param parallelism the job's parallelism for the sample, or 0 to leave it unset
   */
  public static DataStream<ItemPiece> wire(
      DataStream<Item> catalogue,
      DataStream<ItemFact> learned,
      ContentVectors.Settings settings,
      String modelFile,
      long modelVersion,
      int parallelism) {
    SingleOutputStreamOperator<TitleCandidates> sample =
        catalogue.transform(
            "sample-content-titles",
            TypeInformation.of(TitleCandidates.class),
            new SampleTitles(settings.fitTitles(), settings.seed()));
    sample.uid("sample-content-titles");
    if (parallelism > 0) {
      sample.setParallelism(parallelism);
    }
    return sample
        .connect(learned)
        .transform(
            "fit-content-vectors",
            TypeInformation.of(ItemPiece.class),
            new FitContentVectors(settings, modelFile, modelVersion))
        .uid("fit-content-vectors")
        .setParallelism(1);
  }
}
