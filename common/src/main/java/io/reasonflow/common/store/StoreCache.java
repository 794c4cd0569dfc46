package io.reasonflow.common.store;

import io.reasonflow.common.UserError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the memory-mapped forms of a feature output's stores (the co-view table, {@link
 * CoViewFile}; the catalogue, {@link CatalogueFile}) are kept on a machine: built from the output's
 * part files the first time any task there opens that version of them, then mapped by every task
 * that opens it (other slots, other TaskManagers, the next run over the same backfill).
 *
 * <p>A file is named by a fingerprint of the parts (paths, sizes, modification times) and of its
 * format, so a new backfill into the same directory gets a new file and a stale one is never read.
 * One task builds while the others wait: a file lock between processes, a monitor within one. The
 * file is written under a temporary name and moved into place, so a reader never sees half of one.
 * A file that is there but not sound (cut short, overwritten, of another format version: {@link
 * Damaged}) is built again in its place, once; one still not sound after that stops the task with
 * one line. Each open marks the file used (its modification time); files of the same kind and other
 * fingerprints not opened for a day are deleted when a new one is built, and a file still mapped by
 * a running task stays readable until it unmaps it (POSIX).
 */
final class StoreCache {
  private static final Logger LOG = LoggerFactory.getLogger(StoreCache.class);
  private static final String SUFFIX = ".bin";
  private static final Duration STALE = Duration.ofDays(1);
  private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

  private StoreCache() {}

  /**
   * A kind of mapped store.
   *
   * @param prefix the start of its files' names ("coviews-")
   * @param format mixed into the fingerprint, so that a new format version gets new files; empty
   *     for none
   * @param what the store, for the log ("co-view table")
   * @param unit what its rows are, for the log ("pairs")
   */
  record Kind(String prefix, String format, String what, String unit) {}

  /** Writes a store's binary form from its parts. */
  interface Builder {
    /**
     * @param file a new empty file to write the binary form to
     * @return the rows written
     */
    long write(Path file) throws IOException;
  }

  /** Maps a file a {@link Builder} wrote. */
  interface Mapper<T> {
    /**
     * @throws Damaged when the file is not a sound one of its kind
     */
    T map(Path file) throws IOException;
  }

  /** A cached file that is not a sound one of its kind: cut short, overwritten, another format. */
  static final class Damaged extends IOException {
    Damaged(String message) {
      super(message);
    }
  }

  /**
   * The mapped form of the store read from {@code parts}, built under {@code dir} if this machine
   * has none for this version of them yet.
   *
   * @throws IOException when {@code dir} cannot be used (not writable, disk full)
   * @throws UserError when the file built is not sound even after building it again
   */
  static <T> T open(List<Path> parts, Path dir, Kind kind, Builder builder, Mapper<T> mapper)
      throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(kind.prefix() + fingerprint(parts, kind.format()) + SUFFIX);
    Object monitor = MONITORS.computeIfAbsent(file, k -> new Object());
    synchronized (monitor) {
      if (!Files.exists(file)) {
        underLock(
            file,
            () -> {
              if (!Files.exists(file)) { // another process may have built it while this one waited
                build(parts, kind, builder, file);
                removeStale(dir, kind, file);
              }
              return null;
            });
      }
    }
    markUsed(file);
    try {
      return mapper.map(file);
    } catch (Damaged damaged) {
      LOG.warn("{} is damaged ({}); building it again", file, damaged.getMessage());
    }
    T rebuiltMeanwhile;
    synchronized (monitor) {
      rebuiltMeanwhile =
          underLock(
              file,
              () -> {
                try {
                  return mapper.map(file); // another task built it again while this one waited
                } catch (Damaged stillDamaged) {
                  build(parts, kind, builder, file);
                  return null;
                }
              });
    }
    if (rebuiltMeanwhile != null) {
      return rebuiltMeanwhile;
    }
    try {
      return mapper.map(file);
    } catch (Damaged again) {
      throw new UserError(
          file
              + " is damaged right after it was built ("
              + again.getMessage()
              + "); check that disk, or set reasons.store-cache-dir to another local directory");
    }
  }

  private interface Locked<R> {
    R run() throws IOException;
  }

  /** Runs {@code body} holding the lock on {@code file}'s build between processes. */
  private static <R> R underLock(Path file, Locked<R> body) throws IOException {
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    try (FileChannel ch =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      return body.run();
    }
  }

  /**
   * Sets the file's modification time to now, so that "older than a day" below means "not opened
   * for a day" and a store in use is not removed by a job building another one.
   */
  private static void markUsed(Path file) {
    try {
      Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // another user's file, or a read-only cache: mapping it still works
    }
  }

  /** Writes the file under a temporary name and moves it into place (over a damaged one). */
  private static void build(List<Path> parts, Kind kind, Builder builder, Path file)
      throws IOException {
    long start = System.nanoTime();
    Path tmp = Files.createTempFile(file.getParent(), "." + kind.prefix(), ".tmp");
    long rows;
    try {
      rows = builder.write(tmp);
      readableByAll(tmp);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    double s = (System.nanoTime() - start) / 1e9;
    LOG.info(
        String.format(
            "%s %s: %,d %s -> %s (%,d bytes) in %.1f s, %,.0f %s/s; every task on this machine"
                + " maps it",
            kind.what(),
            parts.size() == 1 ? parts.get(0) : parts.get(0).getParent(),
            rows,
            kind.unit(),
            file,
            Files.size(file),
            s,
            rows / Math.max(s, 1e-9),
            kind.unit()));
  }

  /**
   * A temporary file is private to its creator; TaskManagers started as another user on the same
   * machine map this one too.
   */
  private static void readableByAll(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its defaults apply
    }
  }

  private static void removeStale(Path dir, Kind kind, Path keep) {
    FileTime before = FileTime.fromMillis(System.currentTimeMillis() - STALE.toMillis());
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (f.equals(keep) || !name.startsWith(kind.prefix()) || !name.endsWith(SUFFIX)) {
          continue;
        }
        try {
          if (Files.getLastModifiedTime(f).compareTo(before) < 0) {
            Files.deleteIfExists(f);
            Files.deleteIfExists(dir.resolve(name + ".lock"));
          }
        } catch (IOException e) {
          LOG.warn("could not remove the old {} cache file {}: {}", kind.what(), f, e.toString());
        }
      }
    } catch (IOException e) {
      LOG.warn(
          "could not list {} to remove old {} cache files: {}", dir, kind.what(), e.toString());
    }
  }

  /** Paths, sizes and modification times of the parts, and the format, hashed. */
  static String fingerprint(List<Path> parts, String format) throws IOException {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (Path p : parts) {
        d.update(p.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
        d.update(
            ByteBuffer.allocate(16)
                .putLong(Files.size(p))
                .putLong(Files.getLastModifiedTime(p).toMillis())
                .array());
      }
      // nothing for no format, so that the co-view files built before formats were named keep
      // their names
      d.update(format.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
