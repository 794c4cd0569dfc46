package io.reasonflow.features.stream;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Distinct shoppers per item: each input is one shopper's first session with the item ({@link UserSessions} sends
 * each shopper-item once), so the count is a plain sum. One int per item: bounded by the catalogue.
 */
public final class CountShoppers extends KeyedProcessFunction<String, String, ItemSignal> {
  private static final long serialVersionUID = 1L;
  private transient ValueState<Integer> count;

  @Override
  public void open(OpenContext ctx) {
    count = getRuntimeContext().getState(new ValueStateDescriptor<>("item-shoppers", Types.INT));
  }

  @Override
  public void processElement(String item, Context ctx, Collector<ItemSignal> out) throws Exception {
    Integer c = count.value();
    int n = (c == null ? 0 : c) + 1;
    count.update(n);
    out.collect(ItemSignal.shoppers(item, n));
  }
}
