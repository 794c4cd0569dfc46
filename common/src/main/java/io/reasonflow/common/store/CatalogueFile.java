package io.reasonflow.common.store;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.ItemFeatures;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The feature job's catalogue ({@code items.jsonl.gz}: every item's metadata, vector, shopper count
 * and top co-views) as one binary file, memory-mapped rather than read into the heap: every task on
 * a machine that opens it shares the operating system's pages, opening it costs a checksum pass
 * over pages most often already in memory rather than parsing JSON (about 9 s and 450 MB of heap a
 * subtask at 200,000 items, docs/scaling.md), and {@link #get} decodes one item when it is asked
 * for.
 *
 * <p>{@link #open} builds the file once per machine and version of the catalogue ({@link
 * StoreCache}, under {@code reasons.store-cache-dir}), streaming the JSON: only the ids and the
 * rows' offsets are held while it is written.
 *
 * <p>Layout, big-endian: a 48-byte header (magic {@code RFIT}, version, item count n, chunk shift
 * s, long bytes of rows r, long bytes of ids b, long checksum, long 0); the rows ({@link
 * CatalogueRow}) in the order read, none across a multiple of 2<sup>s</sup> bytes from the first (a
 * row that would be is put after zeros up to that multiple, so that each 2<sup>s</sup>-byte chunk
 * maps alone: one mapping is limited to 2 GiB); zeros to a multiple of 8; the rows' offsets from
 * the first row ({@code long[n]}) in the ids' order; the id table ({@code long[t]}, t the least
 * power of two at least 2n: open addressing with linear probing from a slot mixed from the id's
 * {@link String#hashCode}, each slot that hash {@code << 32 |} the item's number plus one, 0 for an
 * empty slot); the ids' start offsets ({@code int[n + 1]}) into the ids' UTF-8 bytes, ids ascending
 * by unsigned byte order (an item's number is its rank). The checksum is the CRC-32C of every byte
 * after the header and then of the header's first 32, so a file cut short, overwritten or of
 * another version is never read as a catalogue.
 *
 * <p>Reads are absolute gets on shared buffers, so threads may share one instance.
 */
public final class CatalogueFile {
  private static final int MAGIC = 0x52464954; // "RFIT"
  private static final int VERSION = 1;
  private static final int HEADER_BYTES = 48;

  /** Bytes of the header the checksum covers: all but the checksum and the zero after it. */
  private static final int CHECKED_HEADER_BYTES = 32;

  /** 1 GiB chunks: a row is at most a few KB, so the padding is nothing. */
  static final int CHUNK_SHIFT = 30;

  /** Items a file may hold: its id table ({@code long[]}, twice the items) maps as one buffer. */
  static final int MAX_ITEMS = 1 << 27;

  /** Smallest chunk a file may declare; tests write small ones to cross chunks. */
  static final int MIN_CHUNK_SHIFT = 10;

  private static final StoreCache.Kind CACHE_KIND =
      new StoreCache.Kind("items-", "RFIT" + VERSION, "catalogue", "items");

  private final Path file;
  private final int items;
  private final int chunkShift;
  private final ByteBuffer[] rows;
  private final LongBuffer rowAt;
  private final LongBuffer slots;
  private final IntBuffer idOffsets;
  private final ByteBuffer ids;

  private CatalogueFile(
      Path file,
      int items,
      int chunkShift,
      ByteBuffer[] rows,
      LongBuffer rowAt,
      LongBuffer slots,
      IntBuffer idOffsets,
      ByteBuffer ids) {
    this.file = file;
    this.items = items;
    this.chunkShift = chunkShift;
    this.rows = rows;
    this.rowAt = rowAt;
    this.slots = slots;
    this.idOffsets = idOffsets;
    this.ids = ids;
  }

  /**
   * The catalogue at {@code items} (a file or the backfill's directory of parts) memory-mapped: its
   * binary form under {@code cacheDir}, built by the first task on this machine to open this
   * version of it, then shared.
   *
   * @throws IOException when {@code cacheDir} cannot be used (not writable, disk full)
   * @throws UserError when the catalogue is missing, cannot be parsed or has an item twice, or its
   *     binary form is damaged even when built again
   */
  public static CatalogueFile open(Path items, Path cacheDir) throws IOException {
    if (!Files.exists(items)) {
      throw new UserError("catalogue not found: " + items + " (run the feature job first)");
    }
    List<Path> parts = Files.isDirectory(items) ? JsonLines.parts(items) : List.of(items);
    return StoreCache.open(
        parts, cacheDir, CACHE_KIND, tmp -> write(items, tmp, CHUNK_SHIFT), CatalogueFile::map);
  }

  /**
   * Writes the binary form of the catalogue at {@code source} to {@code file}.
   *
   * @param chunkShift rows stay within chunks of 2<sup>chunkShift</sup> bytes
   * @return the items written
   * @throws IOException when {@code file} cannot be written
   * @throws UserError when the catalogue cannot be parsed or has an item twice
   */
  static long write(Path source, Path file, int chunkShift) throws IOException {
    try (Writer w = new Writer(file, chunkShift)) {
      try {
        JsonLines.forEach(source, ItemFeatures.class, w::add);
      } catch (Writer.Failed e) {
        throw e.getCause();
      } catch (UserError e) {
        throw e;
      } catch (RuntimeException e) {
        throw unreadable(source, e);
      }
      return w.finish(source);
    }
  }

  /**
   * What reading the catalogue at {@code source} as JSON lines threw, for the user: a {@link
   * UserError} naming the file and the fix when the parts could not be read or parsed (Jackson's
   * iterator carries I/O and parse errors unchecked, {@link JsonLines} wraps the others: the
   * catalogue is damaged or cut short); anything else, a bug, as it was.
   */
  public static RuntimeException unreadable(Path source, RuntimeException e) {
    if (e instanceof UserError
        || !(e instanceof UncheckedIOException) && !(e.getCause() instanceof IOException)) {
      return e;
    }
    return new UserError(
        "cannot read the catalogue "
            + source
            + ": "
            + firstLine(e.getCause().getMessage())
            + " (run the feature job again to rewrite it)",
        e);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Streams rows to the file as they are read; keeps only each item's id and row offset. */
  private static final class Writer implements AutoCloseable {
    /** A failure writing the file, carried out of the JSON reader's callback. */
    private static final class Failed extends RuntimeException {
      Failed(IOException cause) {
        super(cause);
      }

      @Override
      public synchronized IOException getCause() {
        return (IOException) super.getCause();
      }
    }

    private final FileChannel ch;
    private final CRC32C crc = new CRC32C();
    private final DataOutputStream out;
    private final int chunkShift;
    private final ByteArrayOutputStream row = new ByteArrayOutputStream(2048);
    private final List<byte[]> ids = new ArrayList<>();
    private long[] rowAt = new long[1024];
    private int[] hashes = new int[1024];
    private long written; // bytes of rows and padding so far

    Writer(Path file, int chunkShift) throws IOException {
      this.chunkShift = chunkShift;
      this.ch =
          FileChannel.open(
              file,
              StandardOpenOption.WRITE,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING);
      ch.write(ByteBuffer.allocate(HEADER_BYTES), 0); // written last, when its figures are known
      ch.position(HEADER_BYTES);
      this.out =
          new DataOutputStream(
              new CheckedOutputStream(
                  new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16), crc));
    }

    void add(ItemFeatures f) {
      if (!CatalogueRow.utf8Carries(f.id())) {
        throw new UserError(
            "the catalogue has an item id that is not valid text (an unpaired surrogate): "
                + f.id()
                + " (run the feature job again to rewrite it)");
      }
      row.reset();
      CatalogueRow.write(f, row);
      int len = row.size();
      try {
        if (len > 1L << chunkShift) {
          throw new IOException(
              "item "
                  + f.id()
                  + "'s row takes "
                  + len
                  + " bytes, over a chunk's "
                  + (1L << chunkShift));
        }
        if (written >>> chunkShift != (written + len - 1) >>> chunkShift) {
          zeros(((written >>> chunkShift) + 1 << chunkShift) - written);
        }
        if (ids.size() == rowAt.length) {
          rowAt = Arrays.copyOf(rowAt, rowAt.length + (rowAt.length >> 1));
          hashes = Arrays.copyOf(hashes, rowAt.length);
        }
        rowAt[ids.size()] = written;
        hashes[ids.size()] = f.id().hashCode();
        ids.add(f.id().getBytes(StandardCharsets.UTF_8));
        row.writeTo(out);
        written += len;
      } catch (IOException e) {
        throw new Failed(e);
      }
    }

    private void zeros(long n) throws IOException {
      for (long i = 0; i < n; i++) {
        out.write(0);
      }
      written += n;
    }

    /** Writes the index and the header; returns the items written. */
    long finish(Path source) throws IOException {
      long rowBytes = written;
      zeros((8 - written % 8) % 8);
      int n = ids.size();
      if (n > MAX_ITEMS) {
        throw new IOException(
            "the catalogue has " + n + " items; the file format allows " + MAX_ITEMS);
      }
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (p, q) -> Arrays.compareUnsigned(ids.get(p), ids.get(q)));
      long idBytes = 0;
      for (int r = 0; r < n; r++) {
        byte[] id = ids.get(order[r]);
        if (r > 0 && Arrays.equals(id, ids.get(order[r - 1]))) {
          throw new UserError(
              source
                  + " has the item "
                  + new String(id, StandardCharsets.UTF_8)
                  + " twice (parts of two runs mixed?); run the feature job again to rewrite it");
        }
        idBytes += id.length;
      }
      if (idBytes > Integer.MAX_VALUE) {
        throw new IOException(
            "the catalogue's item ids take " + idBytes + " bytes; the file format allows 2 GiB");
      }
      for (Integer i : order) {
        out.writeLong(rowAt[i]);
      }
      long[] table = new long[slotCount(n)];
      for (int r = 0; r < n; r++) {
        int h = hashes[order[r]];
        int at = firstSlot(h, table.length);
        while (table[at] != 0) {
          at = (at + 1) & (table.length - 1);
        }
        table[at] = slot(h, r);
      }
      for (long t : table) {
        out.writeLong(t);
      }
      int offset = 0;
      out.writeInt(0);
      for (Integer i : order) {
        offset += ids.get(i).length;
        out.writeInt(offset);
      }
      for (Integer i : order) {
        out.write(ids.get(i));
      }
      out.flush();
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
      header.putInt(MAGIC).putInt(VERSION).putInt(n).putInt(chunkShift);
      header.putLong(rowBytes).putLong(idBytes);
      crc.update(header.array(), 0, CHECKED_HEADER_BYTES);
      header.putLong(crc.getValue()).putLong(0).flip();
      while (header.hasRemaining()) {
        ch.write(header, header.position());
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      ch.close();
    }
  }

  /**
   * Maps a file {@link #write} wrote.
   *
   * @throws StoreCache.Damaged if it is not one (cut short, overwritten, another version)
   */
  static CatalogueFile map(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < HEADER_BYTES) {
        throw new StoreCache.Damaged(file + " is not a catalogue file (" + size + " bytes)");
      }
      ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
      while (h.hasRemaining() && ch.read(h, h.position()) >= 0) {}
      h.flip();
      int magic = h.getInt();
      int version = h.getInt();
      int items = h.getInt();
      int chunkShift = h.getInt();
      long rowBytes = h.getLong();
      long idBytes = h.getLong();
      long checksum = h.getLong();
      long reserved = h.getLong();
      if (magic != MAGIC || version != VERSION) {
        throw new StoreCache.Damaged(file + " is not a catalogue file of version " + VERSION);
      }
      if (items < 0
          || items > MAX_ITEMS
          || chunkShift < MIN_CHUNK_SHIFT
          || chunkShift > CHUNK_SHIFT
          || rowBytes < 0
          || idBytes < 0
          || idBytes > Integer.MAX_VALUE
          || reserved != 0) {
        throw new StoreCache.Damaged(file + " has a damaged header");
      }
      long rowAtAt = HEADER_BYTES + rowBytes + (8 - rowBytes % 8) % 8;
      long slotsAt = rowAtAt + 8L * items;
      long idOffsetsAt = slotsAt + 8L * slotCount(items);
      long idsAt = idOffsetsAt + 4L * (items + 1);
      long expected = idsAt + idBytes;
      if (size != expected) {
        throw new StoreCache.Damaged(
            file + " has " + size + " bytes where its header says " + expected + " (cut short?)");
      }
      CRC32C crc = new CRC32C();
      for (long at = HEADER_BYTES; at < size; at += 1 << CHUNK_SHIFT) {
        crc.update(
            ch.map(FileChannel.MapMode.READ_ONLY, at, Math.min(size - at, 1 << CHUNK_SHIFT)));
      }
      crc.update(h.array(), 0, CHECKED_HEADER_BYTES);
      if (crc.getValue() != checksum) {
        throw new StoreCache.Damaged(file + " does not match its checksum (overwritten?)");
      }
      int chunks = (int) ((rowBytes + (1L << chunkShift) - 1) >>> chunkShift);
      ByteBuffer[] rows = new ByteBuffer[chunks];
      for (int c = 0; c < chunks; c++) {
        long from = (long) c << chunkShift;
        rows[c] =
            ch.map(
                FileChannel.MapMode.READ_ONLY,
                HEADER_BYTES + from,
                Math.min(rowBytes - from, 1L << chunkShift));
      }
      return new CatalogueFile(
          file,
          items,
          chunkShift,
          rows,
          ch.map(FileChannel.MapMode.READ_ONLY, rowAtAt, 8L * items).asLongBuffer(),
          ch.map(FileChannel.MapMode.READ_ONLY, slotsAt, 8L * slotCount(items)).asLongBuffer(),
          ch.map(FileChannel.MapMode.READ_ONLY, idOffsetsAt, 4L * (items + 1)).asIntBuffer(),
          ch.map(FileChannel.MapMode.READ_ONLY, idsAt, idBytes));
    }
  }

  /** The items, numbered 0 to size() - 1 in ascending order of their ids' UTF-8 bytes. */
  public int size() {
    return items;
  }

  /** The mapped file, for messages. */
  public Path file() {
    return file;
  }

  /** The item's number, or -1 when the catalogue does not have it. */
  public int find(String id) {
    int h = id.hashCode(); // kept by the string: the same ids are asked for again and again
    int mask = (int) (slots.limit() - 1);
    for (int at = firstSlot(h, slots.limit()); ; at = (at + 1) & mask) {
      long slot = slots.get(at);
      if (slot == 0) {
        return -1;
      }
      int i = (int) slot - 1;
      if ((int) (slot >>> 32) == h && sameId(i, id)) {
        return i;
      }
    }
  }

  /**
   * Whether the stored id {@code i} is {@code id}: byte against char while both are ASCII, the
   * stored id decoded otherwise (every stored id is text UTF-8 carries exactly).
   */
  private boolean sameId(int i, String id) {
    int from = idOffsets.get(i);
    int len = idOffsets.get(i + 1) - from;
    if (len == id.length()) {
      int k = 0;
      for (; k < len; k++) {
        byte b = ids.get(from + k);
        if (b < 0) {
          break; // not ASCII from here
        }
        if (b != id.charAt(k)) {
          return false;
        }
      }
      if (k == len) {
        return true;
      }
    }
    return len > id.length() && id(i).equals(id); // UTF-8 takes at least a byte a char
  }

  /** Slots of the id table: a power of two at least twice the items, so probes stay short. */
  private static int slotCount(int items) {
    return items == 0 ? 1 : Integer.highestOneBit(2 * items - 1) << 1;
  }

  /** Where an id with this {@link String#hashCode} is first looked for. */
  private static int firstSlot(int hash, int slots) {
    int spread = hash * 0x9E3779B9;
    return (spread ^ (spread >>> 16)) & (slots - 1);
  }

  /** A slot: the id's hash code, and its item number plus one (0 is an empty slot). */
  private static long slot(int hash, int item) {
    return (long) hash << 32 | (item + 1L);
  }

  /** The item with this id, decoded, if the catalogue has it. */
  public Optional<ItemFeatures> get(String id) {
    int i = find(id);
    return i < 0 ? Optional.empty() : Optional.of(features(i));
  }

  /** Item {@code i}'s id. */
  public String id(int i) {
    int from = idOffsets.get(i);
    byte[] b = new byte[idOffsets.get(i + 1) - from];
    ids.get(from, b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Item {@code i}, decoded. */
  public ItemFeatures features(int i) {
    long at = rowAt.get(i);
    return CatalogueRow.read(id(i), rows[(int) (at >>> chunkShift)], offsetInChunk(at));
  }

  /** Item {@code i}'s title, empty when it has none; nothing else of it is decoded. */
  public String title(int i) {
    long at = rowAt.get(i);
    return CatalogueRow.title(rows[(int) (at >>> chunkShift)], offsetInChunk(at));
  }

  /** Item {@code i}'s shopper count; nothing else of it is decoded. */
  public int shoppers(int i) {
    long at = rowAt.get(i);
    return CatalogueRow.shoppers(rows[(int) (at >>> chunkShift)], offsetInChunk(at));
  }

  private int offsetInChunk(long at) {
    return (int) (at & ((1L << chunkShift) - 1));
  }
}
