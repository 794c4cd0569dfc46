package io.reasonflow.features.flink;

import io.reasonflow.common.model.UserProfile;
import io.reasonflow.features.core.Profiles;
import io.reasonflow.features.core.UserHistory;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Joins each shopper's history with the broadcast item vectors into a {@link UserProfile}. In BATCH
 * mode Flink reads a broadcast input completely before the keyed input, so every vector is known
 * when a shopper arrives.
 */
public final class BuildProfiles
    extends KeyedBroadcastProcessFunction<String, UserHistory, ItemFact, UserProfile> {
  private static final long serialVersionUID = 1L;
  public static final MapStateDescriptor<String, float[]> VECTORS =
      new MapStateDescriptor<>(
          "item-vectors",
          BasicTypeInfo.STRING_TYPE_INFO,
          PrimitiveArrayTypeInfo.FLOAT_PRIMITIVE_ARRAY_TYPE_INFO);

  private final int dim;
  private final long modelVersion;
  private final int recentItems;
  private final long halfLifeMs;

  public BuildProfiles(int dim, long modelVersion, int recentItems, long halfLifeMs) {
    this.dim = dim;
    this.modelVersion = modelVersion;
    this.recentItems = recentItems;
    this.halfLifeMs = halfLifeMs;
  }

  @Override
  public void processBroadcastElement(ItemFact f, Context ctx, Collector<UserProfile> out)
      throws Exception {
    BroadcastState<String, float[]> state = ctx.getBroadcastState(VECTORS);
    state.put(f.key(), f.vector());
  }

  @Override
  public void processElement(UserHistory h, ReadOnlyContext ctx, Collector<UserProfile> out)
      throws Exception {
    ReadOnlyBroadcastState<String, float[]> vectors = ctx.getBroadcastState(VECTORS);
    out.collect(
        Profiles.build(
            h,
            item -> {
              try {
                return vectors.get(item);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            dim,
            modelVersion,
            recentItems,
            halfLifeMs));
  }
}
