package io.reasonflow.features.stream;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A running count per key of distinct shoppers: each input is one shopper's first session with the
 * key ({@link UserSessions} sends each once), so the count is a plain sum. A subclass says what
 * each new total emits.
 */
abstract class DistinctShopperCount extends KeyedProcessFunction<String, String, ItemSignal> {
  private static final long serialVersionUID = 1L;
  private final String stateName;
  private transient ValueState<Integer> count;

  /**
   * @param stateName the count's state name: part of the savepoint, so it never changes
   */
  DistinctShopperCount(String stateName) {
    this.stateName = stateName;
  }

  /** The count's state; a subclass may add to it (a time-to-live, say) before it is created. */
  protected ValueStateDescriptor<Integer> stateDescriptor() {
    return new ValueStateDescriptor<>(stateName, Types.INT);
  }

  @Override
  public void open(OpenContext ctx) {
    count = getRuntimeContext().getState(stateDescriptor());
  }

  @Override
  public final void processElement(String key, Context ctx, Collector<ItemSignal> out)
      throws Exception {
    Integer c = count.value();
    int n = (c == null ? 0 : c) + 1;
    count.update(n);
    emit(key, n, out);
  }

  /** Sends {@code key}'s new total of {@code shoppers}. */
  protected abstract void emit(String key, int shoppers, Collector<ItemSignal> out);
}
