package io.reasonflow.index;

import io.reasonflow.common.UserError;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;

/**
 * Checks that an index version is intact before it is published or served: every file of its latest
 * commit (each shard's, for a sharded index) is read in full and compared with the CRC-32 Lucene
 * wrote in the file's footer. A truncated or bit-flipped file fails here, in seconds, instead of as
 * a 500 on every query that touches it (Lucene checks checksums only when merging, not when
 * searching) or as a service that will not start after a restart. {@code CheckIndex} would also
 * re-decode every posting and vector; the footer checksums are what a damaged copy or disk breaks,
 * at the cost of one sequential read (docs/deployment.md has the timings).
 */
public final class IndexIntegrity {
  /** What a verification read: files and bytes checked, and how long it took. */
  public record Report(int files, long bytes, long nanos) {
    Report plus(Report o) {
      return new Report(files + o.files, bytes + o.bytes, nanos + o.nanos);
    }

    @Override
    public String toString() {
      return String.format(
          java.util.Locale.ROOT,
          "%d files, %.1f MB checksummed in %d ms",
          files,
          bytes / 1e6,
          nanos / 1_000_000);
    }
  }

  private IndexIntegrity() {}

  /**
   * Verifies every file of {@code dir}'s latest commit.
   *
   * @throws UserError naming the damaged file when one is missing, truncated or fails its checksum
   */
  public static Report verify(Path dir) {
    return verify(dir, new HashSet<>());
  }

  /**
   * Like {@link #verify(Path)}, skipping files named in {@code verified} and adding those it
   * checks: Lucene never changes a file once written, so a refresh only needs to read the files of
   * commits it has not seen.
   */
  public static Report verify(Path dir, Set<Path> verified) {
    Set<Path> live = new HashSet<>();
    Report total = new Report(0, 0, 0);
    if (ShardLayout.isSharded(dir)) {
      ShardLayout layout = ShardLayout.read(dir);
      for (int shard = 0; shard < layout.shards(); shard++) {
        total = total.plus(verifyOne(layout.shardDir(shard), verified, live));
      }
    } else {
      total = verifyOne(dir, verified, live);
    }
    // forget files merged away since, so a long-running refresh does not collect every name ever
    // written
    verified.retainAll(live);
    return total;
  }

  /**
   * Names the latest commit of {@code dir} (each shard's segments file), cheaply: a new commit gets
   * a new key, so a version refused as damaged is verified again only once something has been
   * written to it.
   */
  public static String commitKey(Path dir) {
    if (ShardLayout.isSharded(dir)) {
      ShardLayout layout = ShardLayout.read(dir);
      StringBuilder b = new StringBuilder();
      for (int shard = 0; shard < layout.shards(); shard++) {
        b.append(shard == 0 ? "" : ",").append(commitKey(layout.shardDir(shard)));
      }
      return b.toString();
    }
    try (Directory d = FSDirectory.open(dir)) {
      return SegmentInfos.getLastCommitSegmentsFileName(d);
    } catch (IOException e) {
      return "unreadable";
    }
  }

  private static Report verifyOne(Path dir, Set<Path> verified, Set<Path> live) {
    long start = System.nanoTime();
    int files = 0;
    long bytes = 0;
    String current = "segments_N";
    try (Directory d = FSDirectory.open(dir)) {
      SegmentInfos commit =
          SegmentInfos.readLatestCommit(d); // checks the commit point's own checksum
      for (String name : commit.files(true)) {
        Path file = dir.resolve(name).toAbsolutePath().normalize();
        live.add(file);
        if (verified.contains(file)) {
          continue;
        }
        current = name;
        try (IndexInput in = d.openInput(name, IOContext.READONCE)) {
          CodecUtil.checksumEntireFile(
              in); // the footer's magic and algorithm, then the CRC-32 of the rest
          bytes += in.length();
        }
        files++;
        verified.add(file);
      }
    } catch (CorruptIndexException | EOFException e) {
      throw damaged(dir, current, "fails its checksum or is truncated (" + e.getMessage() + ")", e);
    } catch (NoSuchFileException | FileNotFoundException e) {
      throw damaged(dir, current, "is missing (" + e.getMessage() + ")", e);
    } catch (IndexFormatTooOldException | IndexFormatTooNewException e) {
      throw new UserError(
          "index version "
              + dir
              + " was written by an incompatible Lucene version ("
              + e.getMessage()
              + "); rebuild it with this release's index command",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("verifying " + dir, e);
    }
    return new Report(files, bytes, System.nanoTime() - start);
  }

  private static UserError damaged(Path dir, String file, String problem, Exception cause) {
    return new UserError(
        "index version "
            + dir
            + " is damaged: "
            + file
            + " "
            + problem
            + "; rebuild it (or restore it from a good copy) before publishing or serving it",
        cause);
  }
}
