package io.reasonflow.common.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a file line by line as bytes ({@link RawLine}), transparently gunzipping {@code .gz} files.
 * Lines end at {@code \n}; a trailing {@code \r} is dropped so Windows files read the same.
 *
 * <p>A gzip stream that ends early or holds corrupt data (a copy cut short, a disk error) does not
 * throw: the reader returns the lines before the damage, then one line carrying {@link
 * RawLine#damage()} (with whatever bytes of that line could be read), then ends. Nothing after the
 * damage can be read: deflate data cannot be resynchronised.
 */
public final class LineReader implements Closeable {
  private final InputStream in;
  private final String source;
  private final boolean gzip;
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
  private long lineNumber;
  private boolean eof;

  /** Set when the gzip header itself was unreadable: the first {@link #next()} reports it. */
  private String pendingDamage;

  public LineReader(InputStream in, String source) {
    this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
    this.source = source;
    this.gzip = in instanceof GZIPInputStream;
  }

  /** Opens a file, gunzipping it when its name ends in {@code .gz}. */
  public static LineReader open(Path file) throws IOException {
    return wrap(Files.newInputStream(file), file.toString());
  }

  /**
   * Wraps a stream that may be gzip-compressed, deciding by the source name. A gzip stream too
   * short to hold even its header gives a reader whose only line is the damage.
   */
  public static LineReader wrap(InputStream raw, String source) throws IOException {
    if (!source.toLowerCase(Locale.ROOT).endsWith(".gz")) {
      return new LineReader(raw, source);
    }
    try {
      return new LineReader(new GZIPInputStream(raw, 1 << 16), source);
    } catch (EOFException | ZipException e) {
      raw.close();
      return damaged(source, e);
    }
  }

  private static LineReader damaged(String source, IOException e) {
    LineReader r = new LineReader(InputStream.nullInputStream(), source);
    r.pendingDamage = damageText(e);
    return r;
  }

  private static String damageText(IOException e) {
    return (e instanceof EOFException ? "the gzip data ends early" : "the gzip data is corrupt")
        + " ("
        + e.getMessage()
        + "); nothing after this point can be read";
  }

  public static boolean isGzip(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
  }

  /** The next line, or {@code null} at end of input. */
  public RawLine next() {
    if (eof) {
      return null;
    }
    if (pendingDamage != null) {
      eof = true;
      return new RawLine(source, ++lineNumber, new byte[0], pendingDamage);
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
        bytes = Arrays.copyOf(bytes, len - 1);
      }
      return new RawLine(source, ++lineNumber, bytes);
    } catch (EOFException | ZipException e) {
      if (!gzip) {
        throw new UncheckedIOException("reading " + source + " at line " + (lineNumber + 1), e);
      }
      eof = true;
      return new RawLine(source, ++lineNumber, buf.toByteArray(), damageText(e));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + source + " at line " + (lineNumber + 1), e);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
