package io.reasonflow.features.stream;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.reasonflow.common.store.JsonLines;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * A gzip JSON-lines file published atomically through Flink's {@code FileSystem}: written to a
 * hidden in-progress file in the target's directory, then renamed to its name, so a reader that
 * sees the name sees the whole file. A file written again replaces the old one. Shared by the
 * streaming job's model files ({@link ModelFiles}) and corpus files ({@link CorpusFiles}).
 */
final class PublishedJsonLines {
  private PublishedJsonLines() {}

  /**
   * Writes {@code rows}, one JSON value a line, to {@code target} and publishes it.
   *
   * @param what what the file is, for the error message
   */
  static void write(Path target, Iterable<?> rows, String what) throws IOException {
    FileSystem fs = target.getFileSystem();
    fs.mkdirs(target.getParent());
    Path tmp =
        new Path(target.getParent(), "." + target.getName() + ".inprogress." + UUID.randomUUID());
    ObjectWriter json = JsonLines.MAPPER.writer();
    try (OutputStream raw = fs.create(tmp, FileSystem.WriteMode.NO_OVERWRITE);
        OutputStream out = new GZIPOutputStream(new BufferedOutputStream(raw, 1 << 16), 1 << 16)) {
      for (Object row : rows) {
        out.write(json.writeValueAsBytes(row));
        out.write('\n');
      }
    } catch (IOException | RuntimeException e) {
      fs.delete(tmp, false);
      throw e;
    }
    if (!fs.rename(tmp, target)) {
      // written again: some file systems do not rename over an existing file
      fs.delete(target, false);
      if (!fs.rename(tmp, target)) {
        fs.delete(tmp, false);
        throw new IOException("could not publish " + what + " " + target);
      }
    }
  }
}
