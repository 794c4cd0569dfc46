package io.reasonflow.common.seqrec;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The next-item model's file: two sparse item-to-item tables over one item list, the linear model
 * (SLIT-style ridge regression, the feature job's {@code LinearNextItem}) and the sequential
 * item-kNN (the feature job's {@code Transitions}), each row cut to its largest weights. The
 * feature job's backfill writes it ({@code next-item-model.bin} beside its other outputs), and the
 * streaming feature job replaces it with each refit on its recent shoppers; the reason job reads it
 * ({@link NextItemScorer}), and a streaming one re-reads it when it is replaced. Versioned like
 * {@link SeqRecFile}: a file of another {@link #FORMAT_VERSION} is refused with a message saying to
 * retrain.
 *
 * <p>Layout (big-endian, {@link DataOutputStream}): the UTF string {@value #MAGIC}, the int
 * version, a UTF line saying how it was trained, the linear model's source window (int) and decay
 * (double), the item count n and the item ids (UTF); then the two tables, linear first, each as n
 * rows of: the entry count c (int), c target item indices (ints in {@code [0, n)}) and c weights
 * (floats), largest weight first.
 *
 * @param trainedWith how the model was trained, for people reading the file
 * @param window previous items in the linear model's source row
 * @param decay weight of the k-th newest source item, {@code decay^(k-1)}
 * @param itemIds the items, in index order
 * @param linear the linear model's rows
 * @param transitions the sequential item-kNN's rows
 */
public record NextItemFile(
    String trainedWith,
    int window,
    double decay,
    List<String> itemIds,
    Table linear,
    Table transitions) {
  /** Bumped whenever the layout or the scoring changes. */
  public static final int FORMAT_VERSION = 1;

  /** The file name inside a feature output directory. */
  public static final String FILE_NAME = "next-item-model.bin";

  static final String MAGIC = "reasonflow-next-item";

  /** Numbers this process's writes, so each is written aside under a name of its own. */
  private static final AtomicLong WRITES = new AtomicLong();

  /**
   * A sparse item-to-item table: row {@code a} lists the items {@code targets[a]} with weights
   * {@code weights[a]}.
   */
  public record Table(int[][] targets, float[][] weights) {
    public Table {
      if (targets.length != weights.length) {
        throw new IllegalArgumentException(
            targets.length + " target rows but " + weights.length + " weight rows");
      }
      for (int a = 0; a < targets.length; a++) {
        if (targets[a].length != weights[a].length) {
          throw new IllegalArgumentException("row " + a + ": targets and weights differ in length");
        }
      }
    }

    /** Entries over all rows. */
    public long entries() {
      long e = 0;
      for (int[] t : targets) {
        e += t.length;
      }
      return e;
    }
  }

  public NextItemFile {
    itemIds = List.copyOf(itemIds);
    if (window < 1 || !(decay > 0 && decay <= 1)) {
      throw new IllegalArgumentException("bad window " + window + " or decay " + decay);
    }
    if (linear.targets().length != itemIds.size()
        || transitions.targets().length != itemIds.size()) {
      throw new IllegalArgumentException("a table's rows are not the " + itemIds.size() + " items");
    }
  }

  /**
   * Writes the model to {@code file}, replaced atomically: written aside to a hidden file of its
   * own in the same directory, then renamed over {@code file} ({@code ATOMIC_MOVE}), so a reader
   * sees the old model or the whole new one, never part of one, and two writers never share the
   * file they write. A write that fails leaves {@code file} as it was and removes its own.
   */
  public void write(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // not Files.createTempFile: its owner-only permissions would stay on the published file, which
    // a reason job running as another user must read
    Path tmp =
        dir.resolve(
            String.format(
                ".%s.%d-%d.inprogress",
                file.getFileName(), ProcessHandle.current().pid(), WRITES.incrementAndGet()));
    try {
      try (DataOutputStream out =
          new DataOutputStream(
              new BufferedOutputStream(
                  Files.newOutputStream(
                      tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                  1 << 16))) {
        writeTo(out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp); // gone after the move; left only by a failed write
    }
  }

  private void writeTo(DataOutputStream out) throws IOException {
    out.writeUTF(MAGIC);
    out.writeInt(FORMAT_VERSION);
    out.writeUTF(trainedWith);
    out.writeInt(window);
    out.writeDouble(decay);
    out.writeInt(itemIds.size());
    for (String id : itemIds) {
      out.writeUTF(id);
    }
    for (Table t : List.of(linear, transitions)) {
      for (int a = 0; a < itemIds.size(); a++) {
        out.writeInt(t.targets()[a].length);
        for (int x : t.targets()[a]) {
          out.writeInt(x);
        }
        for (float w : t.weights()[a]) {
          out.writeFloat(w);
        }
      }
    }
  }

  /**
   * Reads a file {@link #write} wrote.
   *
   * @throws IOException naming the file and what is wrong with it: unreadable, not a next-item
   *     model file, of another format version, cut short or inconsistent
   */
  public static NextItemFile read(Path file) throws IOException {
    // the size of the file opened, not of the path: a refit may rename a new file over it between
    // a stat and an open, and the old file's size would make the new one look corrupt
    try (SeekableByteChannel channel = Files.newByteChannel(file);
        DataInputStream in =
            new DataInputStream(
                new BufferedInputStream(Channels.newInputStream(channel), 1 << 16))) {
      long bytes = channel.size();
      ModelFileHeader.check(in, file, MAGIC, FORMAT_VERSION, "next-item model");
      String trainedWith = in.readUTF();
      int window = in.readInt();
      double decay = in.readDouble();
      if (window < 1 || !(decay > 0 && decay <= 1)) {
        throw new IOException(file + " is corrupt: window " + window + ", decay " + decay);
      }
      int n = in.readInt();
      if (n < 0 || n > bytes) {
        throw new IOException(file + " is corrupt: " + n + " items");
      }
      List<String> ids = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        ids.add(in.readUTF());
      }
      Table linear = table(in, n, file, "linear");
      Table transitions = table(in, n, file, "transitions");
      if (in.read() != -1) {
        throw new IOException(file + " is corrupt: bytes after the last row");
      }
      return new NextItemFile(trainedWith, window, decay, ids, linear, transitions);
    } catch (EOFException e) {
      throw new IOException(file + " is cut short: not a whole next-item model file", e);
    }
  }

  private static Table table(DataInputStream in, int n, Path file, String name) throws IOException {
    int[][] targets = new int[n][];
    float[][] weights = new float[n][];
    for (int a = 0; a < n; a++) {
      int c = in.readInt();
      if (c < 0 || c > n) {
        throw new IOException(
            file + " is corrupt: row " + a + " of " + name + " has " + c + " entries");
      }
      targets[a] = new int[c];
      weights[a] = new float[c];
      for (int x = 0; x < c; x++) {
        int t = in.readInt();
        if (t < 0 || t >= n) {
          throw new IOException(
              file + " is corrupt: row " + a + " of " + name + " names item " + t + " of " + n);
        }
        targets[a][x] = t;
      }
      for (int x = 0; x < c; x++) {
        weights[a][x] = in.readFloat();
      }
    }
    return new Table(targets, weights);
  }
}
