package io.reasonflow.features.flink;

import io.reasonflow.features.core.ContentVectors;
import io.reasonflow.features.core.TitledItem;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The backfill's cold-start content vectors as stages, so that only the fit of one model runs in
 * one subtask, on a bounded sample, and the catalogue's items are handled where they are:
 *
 * <ol>
 *   <li>{@code content-items} ({@link TitleAndVector}), keyed by item: each catalogue item's title
 *       next to its item2vec vector, if any; the items without one are the cold items;
 *   <li>{@code sample-content-titles} ({@link SampleTitles}): each subtask's sample of the titles,
 *       at most {@code features.content.fit-titles}, and its count of cold items;
 *   <li>{@code fit-content-vectors} ({@link FitContentVectors}), parallelism 1: the whole
 *       catalogue's sample, the fit, one model record (none when there is no cold item);
 *   <li>{@code map-cold-items} ({@link MapColdItems}): the model, broadcast, applied to each cold
 *       item in the subtask that found it.
 * </ol>
 *
 * The sample depends only on the item ids and {@code features.item2vec.seed}, and the fit sees it
 * in id order, so the content vectors are the same at any parallelism.
 */
public final class ColdStartVectors {
  private ColdStartVectors() {}

  /**
   * Wires the stages; returns a {@code CONTENT} vector piece per cold item with a usable title.
   *
   * @param catalogue catalogue pieces ({@link ItemPiece#catalogue})
   * @param learned item2vec's vector pieces
   * @param parallelism the job's parallelism for the parallel stages, or 0 to leave them unset
   */
  public static DataStream<ItemPiece> wire(
      DataStream<ItemPiece> catalogue,
      DataStream<ItemPiece> learned,
      ContentVectors.Settings settings,
      int parallelism) {
    SingleOutputStreamOperator<TitledItem> items =
        pin(
            catalogue
                .union(learned)
                .keyBy(new ItemPieceKey())
                .process(new TitleAndVector())
                .name("content-items")
                .uid("content-items"),
            parallelism);
    DataStream<ContentVectors.Model> model =
        pin(
                items
                    .transform(
                        "sample-content-titles",
                        TypeInformation.of(TitleCandidates.class),
                        new SampleTitles(settings.fitTitles(), settings.seed()))
                    .uid("sample-content-titles"),
                parallelism)
            .transform(
                "fit-content-vectors",
                TypeInformation.of(ContentVectors.Model.class),
                new FitContentVectors(settings))
            .uid("fit-content-vectors")
            .setParallelism(1);
    return pin(
        items
            .getSideOutput(TitleAndVector.COLD)
            .connect(model.broadcast(MapColdItems.MODEL))
            .process(new MapColdItems())
            .name("map-cold-items")
            .uid("map-cold-items"),
        parallelism);
  }

  private static <T> SingleOutputStreamOperator<T> pin(SingleOutputStreamOperator<T> op, int p) {
    return p > 0 ? op.setParallelism(p) : op;
  }
}
