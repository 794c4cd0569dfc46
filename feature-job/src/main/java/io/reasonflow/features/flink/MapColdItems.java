package io.reasonflow.features.flink;

import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.features.core.ContentVectors;
import io.reasonflow.features.core.TitledItem;
import java.util.Optional;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code map-cold-items}, at the job's parallelism: gives each cold item the content vector of its
 * title, from the model {@link FitContentVectors} fitted, broadcast to every subtask. In BATCH mode
 * Flink reads the broadcast input completely before the other, so the model (or its absence: no
 * cold item, or nothing to fit) is known when the first cold item arrives. A title with no word of
 * the model gets no vector, as before. Each subtask holds one copy of the model: the sample's word
 * vectors and the map, bounded by {@code features.content.fit-titles}.
 */
public final class MapColdItems
    extends BroadcastProcessFunction<TitledItem, ContentVectors.Model, ItemPiece> {
  private static final long serialVersionUID = 1L;
  private static final String KEY = "model";

  public static final MapStateDescriptor<String, ContentVectors.Model> MODEL =
      new MapStateDescriptor<>(
          "content-model",
          BasicTypeInfo.STRING_TYPE_INFO,
          TypeInformation.of(ContentVectors.Model.class));

  private static final Logger LOG = LoggerFactory.getLogger(MapColdItems.class);

  /** The broadcast model as content vectors, built once per subtask from the state. */
  private transient ContentVectors content;

  private transient long mapped;
  private transient long unmapped;

  @Override
  public void processBroadcastElement(
      ContentVectors.Model model, Context ctx, Collector<ItemPiece> out) throws Exception {
    ctx.getBroadcastState(MODEL).put(KEY, model);
    content = null;
  }

  @Override
  public void processElement(TitledItem item, ReadOnlyContext ctx, Collector<ItemPiece> out)
      throws Exception {
    if (content == null) {
      ContentVectors.Model model = ctx.getBroadcastState(MODEL).get(KEY);
      if (model == null) {
        unmapped++;
        return; // nothing was fitted
      }
      content = ContentVectors.of(model);
    }
    Optional<float[]> v = content.vector(item.title());
    if (v.isEmpty()) {
      unmapped++;
      return;
    }
    mapped++;
    out.collect(ItemPiece.vector(item.id(), v.get(), ItemFeatures.VectorSource.CONTENT));
  }

  /** Logs what this subtask mapped: how the cold items were spread is visible in the log. */
  @Override
  public void close() throws Exception {
    if (mapped + unmapped > 0) {
      LOG.info(
          "content vectors: subtask {} mapped {} cold items ({} without a word the model knows)",
          getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + 1,
          String.format("%,d", mapped),
          String.format("%,d", unmapped));
    }
    super.close();
  }
}
