package io.reasonflow.features.flink;

import io.reasonflow.features.core.TitledItem;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by item ({@code content-items}): joins a catalogue entry with the item's item2vec vector,
 * if it has one, and when the key ends emits the item's {@link TitledItem} (what the content fit
 * may learn from), and the same item to {@link #COLD} when it has no vector (what the content model
 * maps). An item2vec vector without a catalogue entry emits nothing: there is no title to learn
 * from. This is where cold items are found, per item, so no subtask needs the whole catalogue.
 *
 * <p>Input: {@link ItemPiece}s of kind {@code CATALOGUE} and {@code VECTOR}. State: one item's
 * title and vector, cleared when the key ends.
 */
public final class TitleAndVector extends KeyedProcessFunction<String, ItemPiece, TitledItem> {
  private static final long serialVersionUID = 1L;

  /** Catalogue items item2vec did not learn. */
  public static final OutputTag<TitledItem> COLD =
      new OutputTag<>("cold-items", TypeInformation.of(TitledItem.class));

  private transient ValueState<String> title;
  private transient ValueState<float[]> vector;

  @Override
  public void open(OpenContext ctx) {
    title = getRuntimeContext().getState(new ValueStateDescriptor<>("title", Types.STRING));
    vector =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "vector", PrimitiveArrayTypeInfo.FLOAT_PRIMITIVE_ARRAY_TYPE_INFO));
  }

  @Override
  public void processElement(ItemPiece p, Context ctx, Collector<TitledItem> out) throws Exception {
    switch (p.kind()) {
      case CATALOGUE -> title.update(p.metadata().title() == null ? "" : p.metadata().title());
      case VECTOR -> vector.update(p.vector());
      default ->
          throw new IllegalArgumentException(
              "content-items takes catalogue entries and vectors: " + p);
    }
    ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE); // the end of this key's input
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<TitledItem> out)
      throws Exception {
    try {
      String t = title.value();
      if (t == null) {
        return;
      }
      TitledItem item = new TitledItem(ctx.getCurrentKey(), t, vector.value());
      out.collect(item);
      if (item.cold()) {
        ctx.output(COLD, item);
      }
    } finally {
      title.clear();
      vector.clear();
    }
  }
}
