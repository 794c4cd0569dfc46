package io.reasonflow.index;

import java.nio.charset.StandardCharsets;

/**
 * Which shard holds an item: a hash of the id's UTF-8 bytes, modulo the shard count. The hash is
 * defined here (FNV-1a over the bytes, then the 64-bit finalizer of MurmurHash3 to spread FNV's
 * weak low bits) rather than taken from {@code String.hashCode} or a library, because it is part of
 * the on-disk format: a writer that routed an item to another shard than an earlier writer did
 * would leave two copies of it. It never changes for a given {@link ShardLayout#ROUTER} name; a
 * test pins its values.
 *
 * <p>Flink jobs partition their sink by the same function ({@code partitionCustom((id, n) ->
 * shardOf(id, n), ...)}) so each sink subtask writes exactly one shard.
 */
public final class ShardRouter {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private ShardRouter() {}

  /** The shard, in {@code 0..shards-1}, of {@code itemId}. */
  public static int shardOf(String itemId, int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be at least 1, got " + shards);
    }
    if (itemId == null || itemId.isBlank()) {
      throw new IllegalArgumentException("itemId must not be blank");
    }
    return (int) Long.remainderUnsigned(hash(itemId), shards);
  }

  /** The 64-bit routing hash of {@code itemId}. */
  static long hash(String itemId) {
    long h = FNV_OFFSET;
    for (byte b : itemId.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= FNV_PRIME;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
