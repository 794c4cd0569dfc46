package io.reasonflow.features.sinks;

import io.reasonflow.common.UserError;
import io.reasonflow.index.ShardLayout;
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
import java.util.stream.Stream;

/**
 * Where the profile store keeps each shard. With one shard the store is one JSON-lines file, its
 * commit data beside it in {@code <file>.commit.json} (the layout of every earlier version). With n
 * it is a directory under the same name holding {@code shard-0i.jsonl.gz} (the configured name's
 * {@code .gz} or not) per shard, each with its commit data in {@code _shard-0i.commit.json}, and
 * the manifest {@code _shards.properties} (shard count and routing function, as the index's {@link
 * ShardLayout}). Every reader of profiles takes a directory as one file made of its part files
 * ({@code JsonLines.forEach}, the reason job's Flink file source), and both skip names starting
 * with {@code _} or {@code .}, so they read exactly the shard files. Each shard file is replaced by
 * an atomic rename, so a reader sees each shard at one of its commits.
 */
final class ProfileStoreLayout {
  static final String MANIFEST = "_shards.properties";

  private ProfileStoreLayout() {}

  /** Fails with one line when {@code store} is laid out for another shard count. */
  static void check(Path store, int shards) {
    if (Files.isDirectory(store)) {
      Path manifest = store.resolve(MANIFEST);
      if (!Files.isRegularFile(manifest)) {
        if (shards == 1 || hasVisibleEntries(store)) {
          throw new UserError(
              "profile store "
                  + store
                  + " is a directory the streaming job did not write as a sharded store (no "
                  + MANIFEST
                  + "); name a new path (features.stream.profile-store)");
        }
        return;
      }
      int onDisk = read(manifest);
      if (onDisk != shards) {
        throw mismatch(store, onDisk, shards);
      }
    } else if (Files.exists(store) && shards > 1) {
      throw mismatch(store, 1, shards);
    }
  }

  private static UserError mismatch(Path store, int onDisk, int shards) {
    return new UserError(
        "profile store "
            + store
            + " has "
            + onDisk
            + (onDisk == 1 ? " shard (one file)" : " shards")
            + ", but features.stream.store-shards = "
            + shards
            + ": the shard count is fixed when the store is first written (rescaling would put a"
            + " shopper's profile in two shards); set it to "
            + onDisk
            + ", or name a new path");
  }

  /**
   * Checks the layout and, for a sharded store, creates the directory and its manifest (before any
   * shard file, so a directory with shard files and no manifest is never this job's).
   */
  static void create(Path store, int shards) {
    check(store, shards);
    if (shards == 1 || Files.isRegularFile(store.resolve(MANIFEST))) {
      return;
    }
    try {
      Files.createDirectories(store);
      Properties p = new Properties();
      p.setProperty("shards", Integer.toString(shards));
      p.setProperty("router", ShardLayout.ROUTER);
      Path tmp = Files.createTempFile(store, "." + MANIFEST, ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(
            w,
            "ReasonFlow sharded profile store; a shopper's profile is in shard router(id) mod shards");
      }
      // every subtask may write it; all write the same
      Files.move(
          tmp,
          store.resolve(MANIFEST),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + store.resolve(MANIFEST), e);
    }
  }

  /** The file of shard {@code shard}: the store itself when there is one shard. */
  static Path shardFile(Path store, int shards, int shard) {
    if (shards == 1) {
      return store;
    }
    String suffix = store.getFileName().toString().endsWith(".gz") ? ".jsonl.gz" : ".jsonl";
    return store.resolve(String.format(Locale.ROOT, "shard-%02d", shard) + suffix);
  }

  /** Where the commit data of {@link #shardFile} is kept. */
  static Path commitFile(Path store, int shards, int shard) {
    if (shards == 1) {
      return store.resolveSibling(store.getFileName() + ".commit.json");
    }
    return store.resolve(String.format(Locale.ROOT, "_shard-%02d.commit.json", shard));
  }

  private static int read(Path manifest) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UserError("cannot read " + manifest + ": " + e.getMessage(), e);
    }
    if (!ShardLayout.ROUTER.equals(p.getProperty("router"))) {
      throw new UserError(
          manifest
              + " routes profiles with '"
              + p.getProperty("router")
              + "'; this version knows only '"
              + ShardLayout.ROUTER
              + "'");
    }
    try {
      return Integer.parseInt(p.getProperty("shards", "").strip());
    } catch (NumberFormatException e) {
      throw new UserError(manifest + " has no valid shard count", e);
    }
  }

  private static boolean hasVisibleEntries(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.anyMatch(
          p -> {
            String name = p.getFileName().toString();
            return !name.startsWith(".") && !name.startsWith("_");
          });
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + dir, e);
    }
  }
}
