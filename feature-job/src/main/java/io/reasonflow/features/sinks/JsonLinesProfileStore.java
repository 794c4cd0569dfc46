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
 * the previous or the new file, never half of one), then writes the commit data to {@code
 * <file>.commit.json} the same way.
 *
 * <p>Order matters for exactly-once: profiles first, commit data second. A crash between the two
 * leaves the new profiles with the previous checkpoint id, so the restored committer applies that
 * checkpoint's batch again; its records are whole profiles, so the file ends up the same. Cost:
 * every commit rewrites the file, so this store suits up to a few million users per checkpoint
 * interval; beyond that read the (compacted) profiles topic.
 */
public final class JsonLinesProfileStore implements CheckpointedStore<UserProfile> {
  private final Path file;
  private final Path commitFile;
  private final TreeMap<String, UserProfile> profiles = new TreeMap<>();

  private JsonLinesProfileStore(Path file) {
    this.file = file;
    this.commitFile = commitFile(file);
    if (Files.isRegularFile(file)) {
      JsonLines.forEach(file, UserProfile.class, p -> profiles.put(p.userId(), p));
    }
  }

  public static JsonLinesProfileStore open(Path file) {
    return new JsonLinesProfileStore(file.toAbsolutePath());
  }

  /** Where the commit data of {@code file} is kept. */
  public static Path commitFile(Path file) {
    return file.resolveSibling(file.getFileName() + ".commit.json");
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
  }

  @Override
  public void commit(Map<String, String> data) {
    Path tmp =
        file.resolveSibling(
            "." + file.getFileName() + ".tmp" + (file.toString().endsWith(".gz") ? ".gz" : ""));
    JsonLines.writeAll(tmp, profiles.values());
    Path tmpCommit = commitFile.resolveSibling("." + commitFile.getFileName() + ".tmp");
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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

  /** Serialisable recipe for the store: its file. */
  public record Factory(String file) implements CheckpointedStoreFactory<UserProfile> {
    public static Factory of(Path file) {
      return new Factory(file.toAbsolutePath().toString());
    }

    @Override
    public CheckpointedStore<UserProfile> open() {
      return JsonLinesProfileStore.open(Path.of(file));
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
