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
import java.util.Map;
import java.util.TreeMap;

/**
 * The sequential next-item model's file: plain weights, so a job that scores shoppers reads it
 * without ND4J. The feature job writes it ({@code seqrec-model.bin} beside its other outputs, and
 * {@code eval-recs}); the reason job reads it ({@link SeqRecScorer}). Versioned: a file of another
 * {@link #FORMAT_VERSION} is refused with a message saying to retrain, never misread.
 *
 * <p>Layout (big-endian, {@link DataOutputStream}): the UTF string {@value #MAGIC}, the int
 * version, ints dim, blocks, maxLength, a UTF line saying how it was trained, the item count and
 * the item ids (UTF), then the weight count and per weight its name (UTF), rank, dimensions (longs)
 * and values (floats, row-major). The embedding table {@value #EMB} has one row more than there are
 * items: row 0 is padding.
 *
 * @param dim width of item embeddings and hidden states
 * @param blocks self-attention blocks
 * @param maxLength newest items of a history the model reads
 * @param trainedWith how the model was trained (settings, epochs), for people reading the file
 * @param itemIds the items scored, in score order
 * @param weights every weight by name
 */
public record SeqRecFile(
    int dim,
    int blocks,
    int maxLength,
    String trainedWith,
    List<String> itemIds,
    Map<String, Tensor> weights) {
  /** Bumped whenever the layout or the network changes. */
  public static final int FORMAT_VERSION = 2;

  /** The file name inside a feature output directory. */
  public static final String FILE_NAME = "seqrec-model.bin";

  static final String MAGIC = "reasonflow-seqrec";

  /** The item embedding table's name. */
  public static final String EMB = "emb";

  /** A weight array: its shape and its values, row-major. */
  public record Tensor(long[] shape, float[] data) {
    public Tensor {
      long size = 1;
      for (long d : shape) {
        size *= d;
      }
      if (size != data.length) {
        throw new IllegalArgumentException(
            "shape " + java.util.Arrays.toString(shape) + " does not hold " + data.length);
      }
    }

    /** A rank-2 tensor as rows. */
    public float[][] matrix() {
      if (shape.length != 2) {
        throw new IllegalStateException("not a matrix: " + java.util.Arrays.toString(shape));
      }
      int rows = Math.toIntExact(shape[0]);
      int cols = Math.toIntExact(shape[1]);
      float[][] m = new float[rows][cols];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(data, r * cols, m[r], 0, cols);
      }
      return m;
    }
  }

  public SeqRecFile {
    itemIds = List.copyOf(itemIds);
    weights = new TreeMap<>(weights);
  }

  /** Writes the model to {@code file}, replaced atomically (a reader never sees half a file). */
  public void write(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
      out.writeUTF(MAGIC);
      out.writeInt(FORMAT_VERSION);
      out.writeInt(dim);
      out.writeInt(blocks);
      out.writeInt(maxLength);
      out.writeUTF(trainedWith);
      out.writeInt(itemIds.size());
      for (String id : itemIds) {
        out.writeUTF(id);
      }
      out.writeInt(weights.size());
      for (Map.Entry<String, Tensor> e : weights.entrySet()) {
        out.writeUTF(e.getKey());
        long[] shape = e.getValue().shape();
        out.writeInt(shape.length);
        for (long d : shape) {
          out.writeLong(d);
        }
        for (float f : e.getValue().data()) {
          out.writeFloat(f);
        }
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads a file {@link #write} wrote.
   *
   * @throws IOException naming the file and what is wrong with it: unreadable, not a model file, of
   *     another format version, or cut short
   */
  public static SeqRecFile read(Path file) throws IOException {
    long bytes = Files.size(file);
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      ModelFileHeader.check(in, file, MAGIC, FORMAT_VERSION, "sequential model");
      int dim = in.readInt();
      int blocks = in.readInt();
      int maxLength = in.readInt();
      String trainedWith = in.readUTF();
      int n = count(in.readInt(), bytes, file, "items");
      List<String> ids = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        ids.add(in.readUTF());
      }
      int count = count(in.readInt(), bytes, file, "weights");
      Map<String, Tensor> w = new TreeMap<>();
      for (int k = 0; k < count; k++) {
        String name = in.readUTF();
        long[] shape = new long[count(in.readInt(), 8, file, "dimensions of " + name)];
        long size = 1;
        for (int d = 0; d < shape.length; d++) {
          shape[d] = in.readLong();
          if (shape[d] < 0 || shape[d] > bytes) {
            throw new IOException(file + " is corrupt: weight " + name + " has a bad shape");
          }
          size *= shape[d];
        }
        if (size * Float.BYTES > bytes) {
          throw new IOException(file + " is corrupt: weight " + name + " is larger than the file");
        }
        float[] data = new float[(int) size];
        for (int i = 0; i < data.length; i++) {
          data[i] = in.readFloat();
        }
        w.put(name, new Tensor(shape, data));
      }
      if (in.read() != -1) {
        throw new IOException(file + " is corrupt: bytes after the last weight");
      }
      return new SeqRecFile(dim, blocks, maxLength, trainedWith, ids, w);
    } catch (EOFException e) {
      throw new IOException(file + " is cut short: not a whole sequential model file", e);
    }
  }

  private static int count(int c, long limit, Path file, String what) throws IOException {
    if (c < 0 || c > limit) {
      throw new IOException(file + " is corrupt: " + c + " " + what);
    }
    return c;
  }
}
