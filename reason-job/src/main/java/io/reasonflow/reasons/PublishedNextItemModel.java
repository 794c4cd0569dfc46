package io.reasonflow.reasons;

import io.reasonflow.common.seqrec.NextItemScorer;
import io.reasonflow.common.store.FeatureLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The next-item model file of one feature output ({@link FeatureLayout#nextItemModel()}) as last
 * published there: the backfill writes it, and the streaming feature job replaces it with each
 * refit (written aside, then renamed over it). A streaming reason task asks {@link #check()} at its
 * follow checks and moves its candidates to the new model without re-opening the output's other
 * stores. Part of the {@link EvidenceStores} a JVM's subtasks share, so each new file is read once
 * per JVM: the first subtask to check after a replacement reads it, the others find it read.
 *
 * <p>A replacement is told by the file's identity (inode), modification time and size: a rename
 * puts another file in place. No file is no model; a model that appears later is read; a file that
 * goes away leaves the last model in place (only a new file replaces it). A file that cannot be
 * read is refused: the last model stays, and the refusal is reported until another file replaces
 * it.
 */
public final class PublishedNextItemModel {
  private static final Logger LOG = LoggerFactory.getLogger(PublishedNextItemModel.class);

  private final Path file;
  private Stamp stamp;
  private NextItemScorer model;
  private Stamp refused;
  private String refusal;

  /** What identifies one file at the path. */
  private record Stamp(Object fileKey, FileTime modified, long size) {}

  /**
   * The model after a check.
   *
   * @param model the model to rank with (null: none published)
   * @param refusal why the file now at the path was not read, or null when it was (or is the one
   *     read before, or there is none)
   */
  public record Check(NextItemScorer model, String refusal) {}

  private PublishedNextItemModel(Path file, Stamp stamp, NextItemScorer model) {
    this.file = file;
    this.stamp = stamp;
    this.model = model;
  }

  /**
   * The model published under {@code layout} now, if any.
   *
   * @throws io.reasonflow.common.UserError naming the file when it is there but unreadable
   */
  public static PublishedNextItemModel open(FeatureLayout layout) {
    Path file = layout.nextItemModel();
    // stamped before it is read: a file replaced in between is read again at the next check
    Stamp stamp = stampOf(file);
    return new PublishedNextItemModel(file, stamp, EvidenceStores.nextItemModel(layout));
  }

  /** The model read last (null: none). */
  public synchronized NextItemScorer current() {
    return model;
  }

  /**
   * Reads the file if another one was published since the last check; otherwise answers from memory
   * (one {@code stat}).
   */
  public synchronized Check check() {
    Stamp now = stampOf(file);
    if (now == null || now.equals(stamp)) {
      return new Check(model, null);
    }
    if (now.equals(refused)) {
      return new Check(model, refusal);
    }
    long start = System.nanoTime();
    try {
      NextItemScorer loaded = NextItemScorer.load(file);
      model = loaded;
      stamp = now;
      refused = null;
      refusal = null;
      LOG.info(
          String.format(
              "next-item model %s read in %.1f s: %,d items (%s)",
              file,
              (System.nanoTime() - start) / 1e9,
              loaded.itemIds().size(),
              loaded.trainedWith()));
    } catch (IOException | RuntimeException e) {
      refused = now;
      refusal = e instanceof IOException ? e.getMessage() : file + ": " + e;
    }
    return new Check(model, refusal);
  }

  private static Stamp stampOf(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new Stamp(a.fileKey(), a.lastModifiedTime(), a.size());
    } catch (NoSuchFileException absent) {
      return null;
    } catch (IOException e) {
      // unreadable attributes: as if unchanged; the model in memory keeps serving
      LOG.debug("cannot stat {}", file, e);
      return null;
    }
  }
}
