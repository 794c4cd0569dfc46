package io.reasonflow.features.flink;

import io.reasonflow.common.model.CoView;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.features.core.CoViews;
import io.reasonflow.features.core.ContentModelFile;
import io.reasonflow.features.core.ContentVectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by item: gathers the item's catalogue entry, shopper count, co-view neighbours (each with
 * the neighbour's shopper count, from {@link AttachShoppers}) and vector, and when the key ends
 * writes its {@link ItemFeatures} row: neighbours scored {@link CoViews#score} and ranked by {@link
 * CoViews#STRONGEST}, the top {@code features.coview.top-n} kept. An item is written when it is in
 * the catalogue or has shoppers, and has a vector: item2vec's, else, for a catalogue item (cold
 * start), the content vector of its title from the model {@code fit-content-vectors} wrote ({@link
 * ContentModelFile}; BATCH mode starts this operator after that one, and with no file, nothing was
 * fitted). So the cold items are found and mapped here, in the subtask that owns them, by the join
 * that writes the rows anyway; a subtask reads the model only when it meets a cold item. An item
 * with neither vector is counted in {@value #WITHOUT_VECTOR}.
 *
 * <p>State is one item's pieces (its neighbours are the largest part), cleared when the key ends;
 * and, once read, one copy of the content model per subtask, bounded by {@code
 * features.content.fit-titles}.
 */
public final class AssembleItemFeatures
    extends KeyedProcessFunction<String, ItemPiece, ItemFeatures> {
  private static final Logger LOG = LoggerFactory.getLogger(AssembleItemFeatures.class);
  private static final long serialVersionUID = 1L;
  public static final String WRITTEN = "items-written";
  public static final String BEHAVIOUR = "items-behaviour-vector";
  public static final String CONTENT = "items-content-vector";
  public static final String CATALOGUE_ONLY = "items-catalogue-only";
  public static final String WITHOUT_VECTOR = "items-without-vector";

  /** Examples of items without a vector a subtask logs (the count is the accumulator). */
  private static final int EXAMPLES = 5;

  private final int topN;
  private final long modelVersion;
  private final String contentModel;
  private transient ValueState<ItemPiece> catalogue;
  private transient ValueState<ItemPiece> shoppers;
  private transient ValueState<ItemPiece> vector;
  private transient ListState<ItemPiece> neighbours;
  private transient LongCounter written;
  private transient LongCounter behaviour;
  private transient LongCounter content;
  private transient LongCounter catalogueOnly;
  private transient LongCounter withoutVector;
  private transient List<String> examples;

  /** The content model, read at the first cold item; empty when nothing was fitted. */
  private transient Optional<ContentVectors> contentVectors;

  /** This subtask's content vectors, for its log line. */
  private transient long mapped;

  /**
   * @param topN neighbours kept per item ({@code <= 0}: all)
   * @param modelVersion the run's model version, stamped on every row
   * @param contentModel the run's {@link ContentModelFile}, or null when the run has no catalogue
   */
  public AssembleItemFeatures(int topN, long modelVersion, String contentModel) {
    this.topN = topN;
    this.modelVersion = modelVersion;
    this.contentModel = contentModel;
  }

  @Override
  public void open(OpenContext ctx) {
    TypeInformation<ItemPiece> type = TypeInformation.of(ItemPiece.class);
    catalogue = getRuntimeContext().getState(new ValueStateDescriptor<>("catalogue", type));
    shoppers = getRuntimeContext().getState(new ValueStateDescriptor<>("shoppers", type));
    vector = getRuntimeContext().getState(new ValueStateDescriptor<>("vector", type));
    neighbours = getRuntimeContext().getListState(new ListStateDescriptor<>("neighbours", type));
    written = getRuntimeContext().getLongCounter(WRITTEN);
    behaviour = getRuntimeContext().getLongCounter(BEHAVIOUR);
    content = getRuntimeContext().getLongCounter(CONTENT);
    catalogueOnly = getRuntimeContext().getLongCounter(CATALOGUE_ONLY);
    withoutVector = getRuntimeContext().getLongCounter(WITHOUT_VECTOR);
    examples = new ArrayList<>();
  }

  @Override
  public void processElement(ItemPiece p, Context ctx, Collector<ItemFeatures> out)
      throws Exception {
    switch (p.kind()) {
      case CATALOGUE -> catalogue.update(p);
      case SHOPPERS -> shoppers.update(p);
      case VECTOR -> vector.update(p);
      case NEIGHBOUR -> neighbours.add(p);
      case SIDE ->
          throw new IllegalArgumentException("a pair side reached item-features unattached: " + p);
    }
    ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE); // the end of this key's input
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ItemFeatures> out)
      throws Exception {
    String id = ctx.getCurrentKey();
    ItemPiece c = catalogue.value();
    ItemPiece s = shoppers.value();
    ItemPiece v = vector.value();
    try {
      if (c == null && s == null) {
        return; // neither in the catalogue nor seen: not an item of this run
      }
      if (v == null && c != null) {
        v = contentVector(c.metadata());
      }
      if (v == null) {
        withoutVector.add(1);
        if (examples.size() < EXAMPLES) {
          examples.add(id);
        }
        return;
      }
      int mine = s == null ? 0 : s.count();
      List<CoView> list = new ArrayList<>();
      for (ItemPiece n : neighbours.get()) {
        list.add(
            new CoView(
                n.other(),
                n.count(),
                CoViews.score(n.count(), n.otherShoppers(), mine == 0 ? n.count() : mine)));
      }
      list.sort(CoViews.STRONGEST);
      if (topN > 0 && list.size() > topN) {
        list = new ArrayList<>(list.subList(0, topN));
      }
      Item item = c == null ? Item.ofTitle(id, "") : c.metadata();
      out.collect(new ItemFeatures(item, v.vector(), modelVersion, v.source(), mine, list));
      written.add(1);
      if (v.source() == ItemFeatures.VectorSource.BEHAVIOUR) {
        behaviour.add(1);
      } else {
        content.add(1);
        mapped++;
      }
      if (s == null) {
        catalogueOnly.add(1);
      }
    } finally {
      catalogue.clear();
      shoppers.clear();
      vector.clear();
      neighbours.clear();
    }
  }

  /** A cold catalogue item's content vector, or null: no model, or no word of its title known. */
  private ItemPiece contentVector(Item item) throws IOException {
    if (contentVectors == null) {
      contentVectors =
          contentModel == null
              ? Optional.empty()
              : ContentModelFile.read(Path.of(contentModel), modelVersion).map(ContentVectors::of);
    }
    return contentVectors
        .flatMap(c -> c.vector(item.title()))
        .map(x -> ItemPiece.vector(item.id(), x, ItemFeatures.VectorSource.CONTENT))
        .orElse(null);
  }

  @Override
  public void close() {
    if (mapped > 0) {
      LOG.info(
          "content vectors: subtask {} gave {} cold items a content vector",
          getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + 1,
          String.format("%,d", mapped));
    }
    if (examples != null && !examples.isEmpty()) {
      LOG.info(
          "subtask {}: items with neither an item2vec vector nor usable title words are not indexed, e.g. {}",
          getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + 1,
          examples);
    }
  }
}
