package io.reasonflow.features.stream;

import java.time.Duration;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;

/**
 * {@code features.stream.state-ttl} on a state descriptor: state not touched for that long is
 * forgotten, so state keyed by pair or by shopper is bounded by the keys active within the TTL
 * rather than by every key ever seen.
 *
 * <p>Flink's TTL runs on processing time (the TaskManager's clock), not event time: a job catching
 * up on a backlog forgets nothing however old the events it reads, and a job stopped for longer
 * than the TTL forgets its idle keys on restore. Expired state is never returned; Flink removes it
 * in the background (incrementally on the heap backend, in compaction on RocksDB). Collection state
 * expires per entry: each map entry has its own clock.
 */
final class StateTtl {
  private StateTtl() {}

  /**
   * Enables the TTL on {@code d} unless {@code ttlMs} is 0 (off).
   *
   * @param refreshOnRead whether reading an entry also restarts its clock (for "seen before" sets
   *     that are only read while the shopper keeps returning to the same item); otherwise only
   *     creating or writing it does
   */
  static <D extends StateDescriptor<?, ?>> D expireAfter(long ttlMs, boolean refreshOnRead, D d) {
    if (ttlMs > 0) {
      StateTtlConfig.Builder b =
          StateTtlConfig.newBuilder(Duration.ofMillis(ttlMs)).neverReturnExpired();
      d.enableTimeToLive(
          (refreshOnRead ? b.updateTtlOnReadAndWrite() : b.updateTtlOnCreateAndWrite()).build());
    }
    return d;
  }
}
