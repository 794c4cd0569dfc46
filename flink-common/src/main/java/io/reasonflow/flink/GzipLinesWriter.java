package io.reasonflow.flink;

import io.reasonflow.common.store.JsonLines;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

/**
 * Records as gzip-compressed lines, one part file per sink subtask, optionally after a header line
 * (the co-view TSV has one in every part, so each part reads alone). A bulk format rather than a
 * row encoder because gzip must be finished once per part; Flink's {@code FileSink} rolls bulk
 * parts only on checkpoints and at the end of a bounded input, which is what a batch job wants.
 */
public final class GzipLinesWriter<T> implements BulkWriter<T> {
  /** One record's line, without the newline. */
  public interface LineEncoder<T> extends Serializable {
    byte[] encode(T record) throws IOException;
  }

  private final GZIPOutputStream out;
  private final LineEncoder<T> encoder;

  private GzipLinesWriter(FSDataOutputStream stream, String header, LineEncoder<T> encoder)
      throws IOException {
    this.out = new GZIPOutputStream(stream, 1 << 16);
    this.encoder = encoder;
    if (header != null) {
      out.write(header.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
  }

  /**
   * JSON lines, as {@link JsonLines} writes and reads them (it reads a directory of such parts as
   * one file).
   */
  public static <T> BulkWriter.Factory<T> jsonLines() {
    LineEncoder<T> json = r -> JsonLines.MAPPER.writeValueAsBytes(r);
    return stream -> new GzipLinesWriter<>(stream, null, json);
  }

  /** Lines from {@code encoder}, each part starting with {@code header} (none when null). */
  public static <T> BulkWriter.Factory<T> lines(String header, LineEncoder<T> encoder) {
    return stream -> new GzipLinesWriter<>(stream, header, encoder);
  }

  @Override
  public void addElement(T element) throws IOException {
    out.write(encoder.encode(element));
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
