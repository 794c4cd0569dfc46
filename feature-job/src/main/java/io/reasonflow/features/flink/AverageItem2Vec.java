package io.reasonflow.features.flink;

import io.reasonflow.features.core.FeatureSettings;
import io.reasonflow.features.core.Item2VecRow;
import io.reasonflow.features.core.ParameterAveraging;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The merging step between two rounds of data-parallel item2vec, keyed by item: gathers the item's
 * row from every training subtask (and the round's starting row, which subtask 0 sends) and, once
 * they are all in, emits their {@link ParameterAveraging merge}: summed updates or the average
 * ({@code features.item2vec.merge}). In BATCH mode the input arrives sorted by item, and the
 * event-time timer registered with the first row fires when the item's rows end (the watermark
 * jumps to the end of time between keys), so state holds one item's rows at a time. The rows are
 * merged in subtask order, so the result does not depend on which subtask's rows arrived first.
 */
public final class AverageItem2Vec extends KeyedProcessFunction<String, Item2VecRow, Item2VecRow> {
  private static final long serialVersionUID = 1L;
  private final FeatureSettings.Merge merge;
  private transient ListState<Item2VecRow> rows;
  private transient ValueState<Boolean> armed;

  public AverageItem2Vec(FeatureSettings.Merge merge) {
    this.merge = merge;
  }

  @Override
  public void open(OpenContext ctx) {
    rows = getRuntimeContext().getListState(new ListStateDescriptor<>("rows", Item2VecRow.class));
    armed = getRuntimeContext().getState(new ValueStateDescriptor<>("armed", Boolean.class));
  }

  @Override
  public void processElement(Item2VecRow row, Context ctx, Collector<Item2VecRow> out)
      throws Exception {
    rows.add(row);
    if (armed.value() == null) {
      armed.update(true);
      ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Item2VecRow> out)
      throws Exception {
    List<Item2VecRow> all = new ArrayList<>();
    rows.get().forEach(all::add);
    rows.clear();
    armed.clear();
    if (!all.isEmpty()) {
      out.collect(ParameterAveraging.merge(all, merge));
    }
  }
}
