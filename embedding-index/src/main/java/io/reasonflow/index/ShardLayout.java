package io.reasonflow.index;

import io.reasonflow.common.UserError;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;

/**
 * The on-disk layout of a sharded item index: {@code root/shards.properties} names the shard count
 * and the routing function, and {@code root/shard-00/ .. shard-NN/} each hold a complete Lucene
 * index of the items routed to it. The manifest is what makes a directory a sharded index: a
 * searcher opens exactly the shards it names and refuses a root that lacks one, rather than
 * silently serving part of the catalogue.
 *
 * @param root the index root
 * @param shards the number of shards
 */
public record ShardLayout(Path root, int shards) {
  public static final String MANIFEST = "shards.properties";

  /** The name of {@link ShardRouter}'s function; a different function would need a new name. */
  public static final String ROUTER = "fnv1a64-fmix64-mod";

  /** More shards than this on one machine would only add per-shard overhead. */
  public static final int MAX_SHARDS = 256;

  public ShardLayout {
    if (shards < 1 || shards > MAX_SHARDS) {
      throw new IllegalArgumentException("shards must be in 1.." + MAX_SHARDS + ", got " + shards);
    }
  }

  /** Whether {@code dir} is the root of a sharded index. */
  public static boolean isSharded(Path dir) {
    return Files.isRegularFile(dir.resolve(MANIFEST));
  }

  /**
   * Writes the manifest of a {@code shards}-shard index under {@code root}, or checks an existing
   * one names the same count: reopening with another count would route items to other shards than
   * they are in. Safe to call from every writer of the index (e.g. each Flink sink subtask); the
   * manifest is written by an atomic rename.
   */
  public static ShardLayout create(Path root, int shards) {
    ShardLayout layout = new ShardLayout(root, shards);
    try {
      Files.createDirectories(root);
      if (isSharded(root)) {
        ShardLayout existing = read(root);
        if (existing.shards != shards) {
          throw new UserError(
              "index "
                  + root
                  + " has "
                  + existing.shards
                  + " shards; it cannot be written as "
                  + shards
                  + " shards (build a new index version instead)");
        }
        return existing;
      }
      Properties p = new Properties();
      p.setProperty("shards", Integer.toString(shards));
      p.setProperty("router", ROUTER);
      Path tmp = Files.createTempFile(root, MANIFEST, ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(w, "ReasonFlow sharded item index; items go to shard router(id) mod shards");
      }
      Files.move(
          tmp,
          root.resolve(MANIFEST),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      return layout;
    } catch (IOException e) {
      throw new UncheckedIOException("writing shard manifest under " + root, e);
    }
  }

  /** Reads the manifest under {@code root}. */
  public static ShardLayout read(Path root) {
    Path manifest = root.resolve(MANIFEST);
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UserError("cannot read shard manifest " + manifest + ": " + e.getMessage(), e);
    }
    String router = p.getProperty("router");
    if (!ROUTER.equals(router)) {
      throw new UserError(
          manifest
              + " routes items with '"
              + router
              + "'; this version knows only '"
              + ROUTER
              + "'");
    }
    try {
      return new ShardLayout(root, Integer.parseInt(p.getProperty("shards", "").strip()));
    } catch (IllegalArgumentException e) {
      throw new UserError(manifest + " has no valid shard count: " + e.getMessage(), e);
    }
  }

  /** The directory of shard {@code i}. */
  public Path shardDir(int i) {
    if (i < 0 || i >= shards) {
      throw new IllegalArgumentException("shard " + i + " is not in 0.." + (shards - 1));
    }
    return root.resolve(String.format(Locale.ROOT, "shard-%02d", i));
  }

  /** The shard holding {@code itemId}. */
  public int shardOf(String itemId) {
    return ShardRouter.shardOf(itemId, shards);
  }
}
