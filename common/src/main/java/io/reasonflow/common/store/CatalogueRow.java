package io.reasonflow.common.store;

import io.reasonflow.common.model.CoView;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One item's row of an {@link CatalogueFile}, everything of its {@link ItemFeatures} but the id
 * (which the file's index holds), in the order a reader most often wants it: the title and shopper
 * count first, so that a pass over every title or count decodes nothing else.
 *
 * <p>Big-endian: title (string), shoppers (int), brand (string or null), category path (int count,
 * strings), price (double), vector source (byte: its ordinal), model version (long), vector (int
 * dimension, floats), co-view neighbours (int count; each: item id (string), count (int), score
 * (double)). A string is an int and then its characters: n >= 0, n bytes of UTF-8; -1, null; n <=
 * -2, -n - 2 UTF-16 chars, for a string UTF-8 cannot carry (an unpaired surrogate), so that every
 * string reads back exactly as it was written.
 */
final class CatalogueRow {
  private static final ItemFeatures.VectorSource[] SOURCES = ItemFeatures.VectorSource.values();

  private CatalogueRow() {}

  /** The row of {@code f}, appended to {@code out}'s bytes. */
  static void write(ItemFeatures f, ByteArrayOutputStream bytes) {
    try {
      DataOutputStream out = new DataOutputStream(bytes);
      Item item = f.item();
      writeString(out, item.title());
      out.writeInt(f.shoppers());
      writeString(out, item.brand());
      out.writeInt(item.categoryPath().size());
      for (String c : item.categoryPath()) {
        writeString(out, c);
      }
      out.writeDouble(item.price());
      out.writeByte(f.vectorSource().ordinal());
      out.writeLong(f.modelVersion());
      out.writeInt(f.vector().length);
      for (float x : f.vector()) {
        out.writeFloat(x);
      }
      out.writeInt(f.coViews().size());
      for (CoView c : f.coViews()) {
        writeString(out, c.itemId());
        out.writeInt(c.count());
        out.writeDouble(c.score());
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("a byte array cannot fail", e);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
    } else if (utf8Carries(s)) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    } else {
      out.writeInt(-s.length() - 2);
      out.writeChars(s);
    }
  }

  /**
   * Whether UTF-8 carries {@code s} exactly: it has no unpaired surrogate (which {@link
   * String#getBytes} would turn into "?").
   */
  static boolean utf8Carries(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** The item whose row starts at {@code at} in {@code buf}, with its id. */
  static ItemFeatures read(String id, ByteBuffer buf, int at) {
    Reader r = new Reader(buf, at);
    String title = r.string();
    int shoppers = r.i32();
    String brand = r.string();
    String[] path = new String[r.i32()];
    for (int i = 0; i < path.length; i++) {
      path[i] = r.string();
    }
    double price = r.f64();
    ItemFeatures.VectorSource source = SOURCES[buf.get(r.at++)];
    long modelVersion = r.i64();
    float[] vector = new float[r.i32()];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = buf.getFloat(r.at);
      r.at += 4;
    }
    CoView[] coViews = new CoView[r.i32()];
    for (int i = 0; i < coViews.length; i++) {
      coViews[i] = new CoView(r.string(), r.i32(), r.f64());
    }
    // List.of: the records' List.copyOf keeps such a list rather than copying it again
    return new ItemFeatures(
        new Item(id, title, brand, List.of(path), price),
        vector,
        modelVersion,
        source,
        shoppers,
        List.of(coViews));
  }

  /** The title of the row at {@code at}, empty when the item has none. */
  static String title(ByteBuffer buf, int at) {
    return new Reader(buf, at).string();
  }

  /** The shopper count of the row at {@code at}. */
  static int shoppers(ByteBuffer buf, int at) {
    Reader r = new Reader(buf, at);
    r.skipString();
    return r.i32();
  }

  /** Reads a row forward by absolute gets, so threads may share the buffer. */
  private static final class Reader {
    private final ByteBuffer buf;
    private int at;

    Reader(ByteBuffer buf, int at) {
      this.buf = buf;
      this.at = at;
    }

    int i32() {
      int v = buf.getInt(at);
      at += 4;
      return v;
    }

    long i64() {
      long v = buf.getLong(at);
      at += 8;
      return v;
    }

    double f64() {
      double v = buf.getDouble(at);
      at += 8;
      return v;
    }

    String string() {
      int n = i32();
      if (n == -1) {
        return null;
      }
      if (n >= 0) {
        byte[] b = new byte[n];
        buf.get(at, b);
        at += n;
        return new String(b, StandardCharsets.UTF_8);
      }
      char[] c = new char[-n - 2];
      for (int i = 0; i < c.length; i++) {
        c[i] = buf.getChar(at);
        at += 2;
      }
      return new String(c);
    }

    void skipString() {
      int n = i32();
      at += n >= 0 ? n : n == -1 ? 0 : 2 * (-n - 2);
    }
  }
}
