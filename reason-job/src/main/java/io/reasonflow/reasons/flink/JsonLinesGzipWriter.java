package io.reasonflow.reasons.flink;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.reasonflow.common.store.JsonLines;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

/**
 * Records as gzip-compressed JSON lines, one part file per sink subtask: the format of every JSON-lines output of
 * ReasonFlow ({@link JsonLines} reads a directory of such parts as one file). A bulk format rather than a row
 * encoder because gzip must be finished once per part; Flink's {@code FileSink} rolls bulk parts only on
 * checkpoints and at the end of a bounded input, which is what a batch job wants.
 */
public final class JsonLinesGzipWriter<T> implements BulkWriter<T> {
  private static final ObjectWriter JSON = JsonLines.MAPPER.writer();
  private final GZIPOutputStream out;

  private JsonLinesGzipWriter(FSDataOutputStream stream) throws IOException {
    this.out = new GZIPOutputStream(stream, 1 << 16);
  }

  /** The factory a {@code FileSink.forBulkFormat} takes. */
  public static <T> BulkWriter.Factory<T> factory() {
    return JsonLinesGzipWriter::new;
  }

  @Override
  public void addElement(T element) throws IOException {
    out.write(JSON.writeValueAsBytes(element));
    out.write('\n');
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void finish() throws IOException {
    out.finish(); // the FileSink closes the underlying stream itself
  }
}
