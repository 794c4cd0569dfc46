package io.reasonflow.common.store;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The co-view table as one binary file, memory-mapped rather than read into the heap: every task on
 * a machine that opens it shares the operating system's pages, and opening it costs a few system
 * calls whatever its size. The reason job's subtasks each used to parse the whole table into their
 * own heap (12 s and 193 MB each at 10M events, docs/scaling.md).
 *
 * <p>Layout, big-endian: a 32-byte header (magic {@code RFCV}, version, item count, 0, pair count,
 * bytes of item ids); the item ids' start offsets ({@code int[items + 1]}) into the ids' UTF-8
 * bytes, ids ascending by unsigned byte order, so an item's number is its rank; zero padding to a
 * multiple of 8; the pairs as {@code long}s (smaller number {@code << 32 |} larger), ascending;
 * their counts as {@code int}s in the same order.
 *
 * <p>Reads are absolute gets on shared buffers, so threads may share one instance.
 */
final class CoViewFile {
  private static final int MAGIC = 0x52464356; // "RFCV"
  private static final int VERSION = 1;
  private static final int HEADER_BYTES = 32;

  /** Elements per mapping of the pair arrays: one mapping is limited to 2 GiB. */
  private static final int CHUNK_SHIFT = 27;

  private static final int CHUNK_MASK = (1 << CHUNK_SHIFT) - 1;

  private final int items;
  private final long pairs;
  private final IntBuffer offsets;
  private final ByteBuffer ids;
  private final LongBuffer[] keys;
  private final IntBuffer[] counts;

  private CoViewFile(
      int items,
      long pairs,
      IntBuffer offsets,
      ByteBuffer ids,
      LongBuffer[] keys,
      IntBuffer[] counts) {
    this.items = items;
    this.pairs = pairs;
    this.offsets = offsets;
    this.ids = ids;
    this.keys = keys;
    this.counts = counts;
  }

  /**
   * Writes a table.
   *
   * @param ids the item ids' UTF-8 bytes, ascending by unsigned byte order (an item's number is its
   *     index)
   * @param keys the first {@code n} pairs of those numbers, ascending, each once
   * @param counts their counts
   */
  static void write(Path file, byte[][] ids, long[] keys, int[] counts, int n) throws IOException {
    long idBytes = 0;
    for (byte[] id : ids) {
      idBytes += id.length;
    }
    if (idBytes > Integer.MAX_VALUE) {
      throw new IOException(
          "the co-view table's item ids take " + idBytes + " bytes; the file format allows 2 GiB");
    }
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(ids.length);
      out.writeInt(0);
      out.writeLong(n);
      out.writeLong(idBytes);
      int offset = 0;
      out.writeInt(0);
      for (byte[] id : ids) {
        offset += id.length;
        out.writeInt(offset);
      }
      for (byte[] id : ids) {
        out.write(id);
      }
      for (long pad = padding(ids.length, idBytes); pad > 0; pad--) {
        out.write(0);
      }
      for (int i = 0; i < n; i++) {
        out.writeLong(keys[i]);
      }
      for (int i = 0; i < n; i++) {
        out.writeInt(counts[i]);
      }
    }
  }

  /**
   * Maps a file {@link #write} wrote.
   *
   * @throws StoreCache.Damaged if it is not one, or is cut short
   */
  static CoViewFile map(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < HEADER_BYTES) {
        throw new StoreCache.Damaged(file + " is not a co-view table file (" + size + " bytes)");
      }
      ByteBuffer h = ch.map(FileChannel.MapMode.READ_ONLY, 0, HEADER_BYTES);
      int magic = h.getInt();
      int version = h.getInt();
      int items = h.getInt();
      h.getInt();
      long pairs = h.getLong();
      long idBytes = h.getLong();
      if (magic != MAGIC || version != VERSION || items < 0 || pairs < 0 || idBytes < 0) {
        throw new StoreCache.Damaged(file + " is not a co-view table file of version " + VERSION);
      }
      long offsetsAt = HEADER_BYTES;
      long idsAt = offsetsAt + 4L * (items + 1);
      long keysAt = idsAt + idBytes + padding(items, idBytes);
      long countsAt = keysAt + 8 * pairs;
      long expected = countsAt + 4 * pairs;
      if (size != expected) {
        throw new StoreCache.Damaged(
            file + " has " + size + " bytes where its header says " + expected + " (cut short?)");
      }
      IntBuffer offsets =
          ch.map(FileChannel.MapMode.READ_ONLY, offsetsAt, idsAt - offsetsAt).asIntBuffer();
      ByteBuffer ids = ch.map(FileChannel.MapMode.READ_ONLY, idsAt, idBytes);
      int chunks = (int) ((pairs + CHUNK_MASK) >>> CHUNK_SHIFT);
      LongBuffer[] keys = new LongBuffer[chunks];
      IntBuffer[] counts = new IntBuffer[chunks];
      for (int c = 0; c < chunks; c++) {
        long from = (long) c << CHUNK_SHIFT;
        long len = Math.min(pairs - from, 1L << CHUNK_SHIFT);
        keys[c] = ch.map(FileChannel.MapMode.READ_ONLY, keysAt + 8 * from, 8 * len).asLongBuffer();
        counts[c] =
            ch.map(FileChannel.MapMode.READ_ONLY, countsAt + 4 * from, 4 * len).asIntBuffer();
      }
      return new CoViewFile(items, pairs, offsets, ids, keys, counts);
    }
  }

  /** Zero bytes after the ids so that the pairs start at a multiple of 8. */
  private static long padding(int items, long idBytes) {
    long end = HEADER_BYTES + 4L * (items + 1) + idBytes;
    return (8 - end % 8) % 8;
  }

  long pairs() {
    return pairs;
  }

  int items() {
    return items;
  }

  /** Distinct shoppers who had both items in one session; 0 when never together. */
  int count(String a, String b) {
    int x = number(a.getBytes(StandardCharsets.UTF_8));
    if (x < 0) {
      return 0;
    }
    int y = number(b.getBytes(StandardCharsets.UTF_8));
    if (y < 0 || x == y) {
      return 0;
    }
    long key = x < y ? (long) x << 32 | y : (long) y << 32 | x;
    long lo = 0;
    long hi = pairs - 1;
    while (lo <= hi) {
      long mid = (lo + hi) >>> 1;
      long k = keys[(int) (mid >>> CHUNK_SHIFT)].get((int) (mid & CHUNK_MASK));
      if (k < key) {
        lo = mid + 1;
      } else if (k > key) {
        hi = mid - 1;
      } else {
        return counts[(int) (mid >>> CHUNK_SHIFT)].get((int) (mid & CHUNK_MASK));
      }
    }
    return 0;
  }

  /** The item's number (its rank among the ids), or -1 when it is in no pair. */
  private int number(byte[] id) {
    int lo = 0;
    int hi = items - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compare(mid, id);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** The stored id {@code i} against {@code id}, by unsigned bytes as the file is sorted. */
  private int compare(int i, byte[] id) {
    int from = offsets.get(i);
    int len = offsets.get(i + 1) - from;
    int common = Math.min(len, id.length);
    for (int k = 0; k < common; k++) {
      int c = Byte.compareUnsigned(ids.get(from + k), id[k]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(len, id.length);
  }

  /**
   * Renumbers a table read in arrival order into the file's order (ids ascending by unsigned UTF-8
   * bytes) and sorts its pairs again; {@code keys} and {@code counts} are changed in place.
   *
   * @param byNumber the item ids, indexed by their number in {@code keys}
   * @return the ids' bytes in the file's order
   */
  static byte[][] renumber(String[] byNumber, long[] keys, int[] counts, int n) {
    byte[][] bytes = new byte[byNumber.length][];
    Integer[] order = new Integer[byNumber.length];
    for (int i = 0; i < byNumber.length; i++) {
      bytes[i] = byNumber[i].getBytes(StandardCharsets.UTF_8);
      order[i] = i;
    }
    Arrays.sort(order, (p, q) -> Arrays.compareUnsigned(bytes[p], bytes[q]));
    int[] rank = new int[byNumber.length];
    byte[][] sorted = new byte[byNumber.length][];
    for (int r = 0; r < order.length; r++) {
      rank[order[r]] = r;
      sorted[r] = bytes[order[r]];
    }
    for (int i = 0; i < n; i++) {
      int x = rank[(int) (keys[i] >>> 32)];
      int y = rank[(int) keys[i]];
      keys[i] = x < y ? (long) x << 32 | y : (long) y << 32 | x;
    }
    PairSort.sort(keys, counts, n);
    return sorted;
  }
}
