package io.reasonflow.common.store;

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
 * Where a co-view table's memory-mapped form ({@link CoViewFile}) is kept on a machine: built from
 * the part files the first time any task there opens that table, then mapped by every task that
 * opens it (other slots, other TaskManagers, the next run over the same backfill).
 *
 * <p>The file is named by a fingerprint of the parts (paths, sizes, modification times), so a new
 * backfill into the same directory gets a new file and a stale one is never read. One task builds
 * while the others wait: a file lock between processes, a monitor within one. The file is written
 * under a temporary name and moved into place, so a reader never sees half of one. Each open marks
 * the file used (its modification time); files of other fingerprints not opened for a day are
 * deleted when a new one is built, and a file still mapped by a running task stays readable until
 * it unmaps it (POSIX).
 */
final class CoViewCache {
  private static final Logger LOG = LoggerFactory.getLogger(CoViewCache.class);
  private static final String PREFIX = "coviews-";
  private static final String SUFFIX = ".bin";
  private static final Duration STALE = Duration.ofDays(1);
  private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

  private CoViewCache() {}

  /** The mapped form of the table at {@code coViews} (a file or a directory of parts). */
  static CoViewFile open(Path coViews, Path dir) throws IOException {
    List<Path> parts = CoViewTable.parts(coViews);
    Files.createDirectories(dir);
    Path file = dir.resolve(PREFIX + fingerprint(parts) + SUFFIX);
    synchronized (MONITORS.computeIfAbsent(file, k -> new Object())) {
      if (!Files.exists(file)) {
        Path lockFile = dir.resolve(file.getFileName() + ".lock");
        try (FileChannel ch =
                FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.lock()) {
          if (!Files.exists(file)) { // another process may have built it while this one waited
            build(coViews, file);
            removeStale(dir, file);
          }
        }
      }
    }
    markUsed(file);
    return CoViewFile.map(file);
  }

  /**
   * Sets the file's modification time to now, so that "older than a day" below means "not opened
   * for a day" and a table in use is not removed by a job building another one.
   */
  private static void markUsed(Path file) {
    try {
      Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // another user's file, or a read-only cache: mapping it still works
    }
  }

  /** Reads the parts once into the heap, writes the file and lets the heap copy go. */
  private static void build(Path coViews, Path file) throws IOException {
    long start = System.nanoTime();
    CoViewTable.Rows rows = CoViewTable.readRows(coViews);
    Path tmp = Files.createTempFile(file.getParent(), "." + PREFIX, ".tmp");
    try {
      rows.writeMapped(tmp);
      readableByAll(tmp);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    double s = (System.nanoTime() - start) / 1e9;
    LOG.info(
        String.format(
            "co-view table %s: %,d pairs -> %s (%,d bytes) in %.1f s, %,.0f pairs/s; every task"
                + " on this machine maps it",
            coViews, rows.size(), file, Files.size(file), s, rows.size() / Math.max(s, 1e-9)));
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

  private static void removeStale(Path dir, Path keep) {
    FileTime before = FileTime.fromMillis(System.currentTimeMillis() - STALE.toMillis());
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (f.equals(keep) || !name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
          continue;
        }
        try {
          if (Files.getLastModifiedTime(f).compareTo(before) < 0) {
            Files.deleteIfExists(f);
            Files.deleteIfExists(dir.resolve(name + ".lock"));
          }
        } catch (IOException e) {
          LOG.warn("could not remove the old co-view cache file {}: {}", f, e.toString());
        }
      }
    } catch (IOException e) {
      LOG.warn("could not list {} to remove old co-view cache files: {}", dir, e.toString());
    }
  }

  /** Paths, sizes and modification times of the parts, hashed. */
  static String fingerprint(List<Path> parts) throws IOException {
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
      return HexFormat.of().formatHex(d.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
