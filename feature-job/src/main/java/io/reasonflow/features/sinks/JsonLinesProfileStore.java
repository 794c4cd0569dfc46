package io.reasonflow.features.sinks;

import com.fasterxml.jackson.core.type.TypeReference;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.JsonLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The profile store: one JSON-lines file (gzip when it ends in {@code .gz}) holding the latest
 * {@link UserProfile} per user, sorted by user id: exactly the format of a backfill's {@code
 * profiles.jsonl.gz}, so the reason job and the query service read it unchanged. Each commit writes
 * the whole file next to it and renames it into place (atomic on POSIX file systems: readers see
 * the previous or the new file, never half of one), then writes the commit data to its commit file
 * the same way. A sharded store ({@link ProfileStoreLayout}) is a directory of such files, one
 * store per shard.
 *
 * <p>Order matters for exactly-once: profiles first, commit data second. A crash between the two
 * leaves the new profiles with the previous checkpoint id, so the restored committer applies that
 * checkpoint's batch again; its records are whole profiles, so the file ends up the same. Cost:
 * every commit that changed a profile rewrites the file (a commit that changed none rewrites only
 * the commit data), so one shard suits up to a few million users per checkpoint interval; beyond
 * that add shards, or read the (compacted) profiles topic.
 */
public final class JsonLinesProfileStore implements CheckpointedStore<UserProfile> {
  private final Path file;
  private final Path commitFile;
  private final TreeMap<String, UserProfile> profiles = new TreeMap<>();

  /** Whether the file lacks something applied since the last commit (or does not exist yet). */
  private boolean dirty;

  private JsonLinesProfileStore(Path file, Path commitFile) {
    this.file = file;
    this.commitFile = commitFile;
    if (Files.isRegularFile(file)) {
      JsonLines.forEach(file, UserProfile.class, p -> profiles.put(p.userId(), p));
    } else {
      dirty = true; // the first commit writes the file, empty or not: readers then find the store
    }
  }

  /** The unsharded store at {@code file}. */
  public static JsonLinesProfileStore open(Path file) {
    return openShard(file, 1, 0);
  }

  /**
   * Shard {@code shard} of a {@code shards}-shard store at {@code store} (the file itself when
   * {@code shards} is 1), after checking the layout on disk agrees.
   */
  public static JsonLinesProfileStore openShard(Path store, int shards, int shard) {
    Path abs = store.toAbsolutePath();
    ProfileStoreLayout.create(abs, shards);
    return new JsonLinesProfileStore(
        ProfileStoreLayout.shardFile(abs, shards, shard),
        ProfileStoreLayout.commitFile(abs, shards, shard));
  }

  /** Where the commit data of the unsharded store {@code file} is kept. */
  public static Path commitFile(Path file) {
    return ProfileStoreLayout.commitFile(file, 1, 0);
  }

  @Override
  public Map<String, String> lastCommitData() {
    if (!Files.isRegularFile(commitFile)) {
      return Map.of();
    }
    try {
      return JsonLines.MAPPER.readValue(
          commitFile.toFile(), new TypeReference<Map<String, String>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + commitFile, e);
    }
  }

  @Override
  public void apply(List<UserProfile> records) {
    for (UserProfile p : records) {
      profiles.put(p.userId(), p);
    }
    dirty |= !records.isEmpty();
  }

  @Override
  public void commit(Map<String, String> data) {
    Path tmpCommit = commitFile.resolveSibling("." + commitFile.getFileName() + ".tmp");
    try {
      if (dirty) {
        Path tmp =
            file.resolveSibling(
                "." + file.getFileName() + ".tmp" + (file.toString().endsWith(".gz") ? ".gz" : ""));
        JsonLines.writeAll(tmp, profiles.values());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        dirty = false;
      }
      JsonLines.MAPPER.writeValue(tmpCommit.toFile(), new TreeMap<>(data));
      Files.move(
          tmpCommit,
          commitFile,
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("committing profile store " + file, e);
    }
  }

  @Override
  public void close() {
    profiles.clear();
  }

  /** Serialisable recipe for the store: its path and shard count. */
  public record Factory(String file, int shards) implements CheckpointedStoreFactory<UserProfile> {
    /** One unsharded file. */
    public static Factory of(Path file) {
      return of(file, 1);
    }

    public static Factory of(Path file, int shards) {
      return new Factory(file.toAbsolutePath().toString(), shards);
    }

    @Override
    public CheckpointedStore<UserProfile> open(int shard) {
      return JsonLinesProfileStore.openShard(Path.of(file), shards, shard);
    }

    @Override
    public void checkLayout() {
      ProfileStoreLayout.check(Path.of(file), shards);
    }

    @Override
    public Class<UserProfile> type() {
      return UserProfile.class;
    }

    @Override
    public RecordKey<UserProfile> key() {
      return new UserProfileKey();
    }

    @Override
    public String name() {
      return "profile-store";
    }
  }
}
