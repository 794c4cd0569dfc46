package io.reasonflow.features.flink;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * A pair's final count, once for each of its items: side (a, b, n) keyed by a and (b, a, n) keyed
 * by b, so each item's subtask can attach that item's shopper count ({@link AttachShoppers}).
 * Counts the pairs in {@value #PAIRS_COUNTER}.
 */
public final class PairSides extends RichFlatMapFunction<ItemFact, ItemPiece> {
  private static final long serialVersionUID = 1L;
  public static final String PAIRS_COUNTER = "coview-pairs";
  private transient LongCounter pairs;

  @Override
  public void open(OpenContext ctx) {
    pairs = getRuntimeContext().getLongCounter(PAIRS_COUNTER);
  }

  @Override
  public void flatMap(ItemFact pair, Collector<ItemPiece> out) {
    String key = pair.key();
    int tab = key.indexOf('\t');
    String a = key.substring(0, tab);
    String b = key.substring(tab + 1);
    int count = Math.toIntExact(pair.count());
    pairs.add(1);
    out.collect(ItemPiece.side(a, b, count));
    out.collect(ItemPiece.side(b, a, count));
  }
}
