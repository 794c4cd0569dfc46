package io.reasonflow.common.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads a file line by line as bytes ({@link RawLine}), transparently gunzipping {@code .gz} files. Lines end at
 * {@code \n}; a trailing {@code \r} is dropped so Windows files read the same.
 */
public final class LineReader implements Closeable {
  private final InputStream in;
  private final String source;
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
  private long lineNumber;
  private boolean eof;

  public LineReader(InputStream in, String source) {
    this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
    this.source = source;
  }

  /** Opens a file, gunzipping it when its name ends in {@code .gz}. */
  public static LineReader open(Path file) throws IOException {
    InputStream raw = Files.newInputStream(file);
    InputStream in = isGzip(file) ? new GZIPInputStream(raw, 1 << 16) : raw;
    return new LineReader(in, file.toString());
  }

  /** Wraps a stream that may be gzip-compressed, deciding by the source name. */
  public static LineReader wrap(InputStream raw, String source) throws IOException {
    return new LineReader(source.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, source);
  }

  public static boolean isGzip(Path file) {
    return file.getFileName().toString().endsWith(".gz");
  }

  /** The next line, or {@code null} at end of input. */
  public RawLine next() {
    if (eof) {
      return null;
    }
    try {
      buf.reset();
      int b;
      while ((b = in.read()) != -1 && b != '\n') {
        buf.write(b);
      }
      if (b == -1) {
        eof = true;
        if (buf.size() == 0) {
          return null;
        }
      }
      byte[] bytes = buf.toByteArray();
      int len = bytes.length;
      if (len > 0 && bytes[len - 1] == '\r') {
        bytes = java.util.Arrays.copyOf(bytes, len - 1);
      }
      return new RawLine(source, ++lineNumber, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + source + " at line " + (lineNumber + 1), e);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
