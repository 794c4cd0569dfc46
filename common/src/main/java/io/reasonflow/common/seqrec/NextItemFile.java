package io.reasonflow.common.seqrec;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The next-item model's file: two sparse item-to-item tables over one item list, the linear model
 * (SLIT-style ridge regression, the feature job's {@code LinearNextItem}) and the sequential
 * item-kNN (the feature job's {@code Transitions}), each row cut to its largest weights. The
 * feature job's backfill writes it ({@code next-item-model.bin} beside its other outputs); the
 * reason job reads it ({@link NextItemScorer}). Versioned like {@link SeqRecFile}: a file of
 * another {@link #FORMAT_VERSION} is refused with a message saying to retrain.
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

  /** Writes the model to {@code file}, replaced atomically (a reader never sees half a file). */
  public void write(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
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
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads a file {@link #write} wrote.
   *
   * @throws IOException naming the file and what is wrong with it: unreadable, not a next-item
   *     model file, of another format version, cut short or inconsistent
   */
  public static NextItemFile read(Path file) throws IOException {
    long bytes = Files.size(file);
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
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
