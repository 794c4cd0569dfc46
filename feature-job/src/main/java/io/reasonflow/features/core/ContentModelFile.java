package io.reasonflow.features.core;

import io.reasonflow.common.seqrec.ModelFileHeader;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A fitted {@link ContentVectors.Model} as a file: how the backfill's one fit hands the model to
 * every subtask that maps cold items ({@code item-features}), which reads it only when it meets a
 * cold item. The file carries the run's model version, so a subtask never maps with another run's
 * model; floats and doubles are written as they are, so the vectors are the fitted ones bit for
 * bit.
 *
 * <p>Format (big-endian, {@link DataOutputStream}): UTF magic, int format version, long model
 * version, int dim, int fitted-on, int word count, then per word its UTF text, its IDF (double) and
 * its dim floats; then the map: int input dim, int output dim, input x output doubles (W
 * transposed), output doubles (bias).
 */
public final class ContentModelFile {
  /** Its name in the backfill's output directory. */
  public static final String FILE_NAME = "content-model.bin";

  static final String MAGIC = "reasonflow content model";
  static final int FORMAT_VERSION = 1;

  private ContentModelFile() {}

  /** Writes the model to {@code file}, replaced atomically (a reader never sees half a file). */
  public static void write(Path file, long modelVersion, ContentVectors.Model m)
      throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
      out.writeUTF(MAGIC);
      out.writeInt(FORMAT_VERSION);
      out.writeLong(modelVersion);
      out.writeInt(m.dim());
      out.writeInt(m.fittedOn());
      out.writeInt(m.words().length);
      for (int i = 0; i < m.words().length; i++) {
        out.writeUTF(m.words()[i]);
        out.writeDouble(m.idf()[i]);
        for (int k = 0; k < m.dim(); k++) {
          out.writeFloat(m.wordVectors()[i * m.dim() + k]);
        }
      }
      LinearMap.Weights w = m.map();
      out.writeInt(w.inputDim());
      out.writeInt(w.b().length);
      for (double x : w.wt()) {
        out.writeDouble(x);
      }
      for (double x : w.b()) {
        out.writeDouble(x);
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The model of run {@code modelVersion}; empty when there is no file (the run fitted nothing).
   *
   * @throws IOException naming the file: not a content model, another format version, another run's
   *     model, or cut short
   */
  public static Optional<ContentVectors.Model> read(Path file, long modelVersion)
      throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      ModelFileHeader.check(in, file, MAGIC, FORMAT_VERSION, "content model");
      long version = in.readLong();
      if (version != modelVersion) {
        throw new IOException(
            file
                + " holds the content model of run "
                + version
                + ", not of this run, "
                + modelVersion);
      }
      int dim = in.readInt();
      int fittedOn = in.readInt();
      int n = in.readInt();
      String[] words = new String[n];
      double[] idf = new double[n];
      float[] vectors = new float[n * dim];
      for (int i = 0; i < n; i++) {
        words[i] = in.readUTF();
        idf[i] = in.readDouble();
        for (int k = 0; k < dim; k++) {
          vectors[i * dim + k] = in.readFloat();
        }
      }
      int inputDim = in.readInt();
      int outputDim = in.readInt();
      double[] wt = new double[inputDim * outputDim];
      for (int k = 0; k < wt.length; k++) {
        wt[k] = in.readDouble();
      }
      double[] b = new double[outputDim];
      for (int k = 0; k < b.length; k++) {
        b[k] = in.readDouble();
      }
      return Optional.of(
          new ContentVectors.Model(
              dim, words, vectors, idf, new LinearMap.Weights(inputDim, wt, b), fittedOn));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (EOFException e) {
      throw new IOException(file + " is cut short", e);
    }
  }
}
