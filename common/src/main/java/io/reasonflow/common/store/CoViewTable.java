package io.reasonflow.common.store;

import io.reasonflow.common.UserError;
import io.reasonflow.common.io.LineReader;
import io.reasonflow.common.io.RawLine;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Every co-viewed item pair with the number of distinct shoppers who had both items in one session.
 * Reasons quote these counts for any anchor/candidate pair, not only for an item's top-N
 * neighbours. File form: TSV {@code item_a item_b shoppers} with {@code item_a < item_b}, gzip,
 * after a header line; either one file or, as the backfill writes it, a directory of such part
 * files (one per subtask of its pair counter, each with its header).
 *
 * <p>Two forms. {@link #open} maps the table's binary form ({@link CoViewFile}, built once per
 * machine, {@link StoreCache}) and holds nothing of it in the heap: the reason job's subtasks use
 * it, so a TaskManager's heap does not grow with the history and a second subtask on a machine
 * opens it in milliseconds. {@link #read} and {@link #of} hold it in the heap, compactly: each item
 * id once, numbered, and each pair as one {@code long} (the two numbers) in a sorted array beside
 * an {@code int} count, about 12 bytes a pair. (As a map of {@code "a\tb"} strings to boxed counts
 * it took about 120 bytes a pair, 1.8 GB for the 10M-event benchmark's 15 million pairs, and two
 * subtasks with 2 GB heaps each sat in garbage collection loading it: docs/scaling.md.)
 */
public final class CoViewTable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CoViewTable.class);

  /** The mapped form's files under {@code reasons.store-cache-dir}: "coviews-<fingerprint>.bin". */
  private static final StoreCache.Kind CACHE_KIND =
      new StoreCache.Kind("coviews-", "", "co-view table", "pairs");

  /** The first line of the file, and of each part. */
  public static final String HEADER = "item_a\titem_b\tshoppers";

  /** Item id -> its number, for the items of at least one pair. */
  private final Map<String, Integer> numbers;

  /** Each pair as (smaller number << 32 | larger number), ascending. */
  private final long[] pairKeys;

  /** {@code counts[i]} is the count of {@code pairKeys[i]}. */
  private final int[] counts;

  /** The mapped form, or null when the table is in the heap (then the three fields above). */
  private final CoViewFile mapped;

  private CoViewTable(Map<String, Integer> numbers, long[] pairKeys, int[] counts) {
    this.numbers = numbers;
    this.pairKeys = pairKeys;
    this.counts = counts;
    this.mapped = null;
  }

  private CoViewTable(CoViewFile mapped) {
    this.numbers = Map.of();
    this.pairKeys = new long[0];
    this.counts = new int[0];
    this.mapped = mapped;
  }

  /**
   * @param pairCounts counts by {@link #key} of the pair
   * @throws IllegalArgumentException if a pair is there twice (once each way round)
   */
  public static CoViewTable of(Map<String, Integer> pairCounts) {
    Rows rows = new Rows();
    for (Map.Entry<String, Integer> e : pairCounts.entrySet()) {
      int tab = e.getKey().indexOf('\t');
      rows.add(e.getKey().substring(0, tab), e.getKey().substring(tab + 1), e.getValue());
    }
    String twice = rows.sort();
    if (twice != null) {
      throw new IllegalArgumentException("the co-view pair " + twice + " is there twice");
    }
    return rows.table();
  }

  /** The key of an unordered pair, the same whichever way round it is asked. */
  public static String key(String a, String b) {
    return a.compareTo(b) <= 0 ? a + '\t' + b : b + '\t' + a;
  }

  /** Distinct shoppers who had both items in one session; 0 when never together. */
  public int count(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    if (mapped != null) {
      return mapped.count(a, b);
    }
    Integer x = numbers.get(a);
    Integer y = numbers.get(b);
    if (x == null || y == null) {
      return 0;
    }
    int i = Arrays.binarySearch(pairKeys, pack(x, y));
    return i >= 0 ? counts[i] : 0;
  }

  public long pairs() {
    return mapped != null ? mapped.pairs() : pairKeys.length;
  }

  /** Whether the table is memory-mapped ({@link #open}) rather than in the heap. */
  public boolean isMapped() {
    return mapped != null;
  }

  private static long pack(int x, int y) {
    return x < y ? (long) x << 32 | y : (long) y << 32 | x;
  }

  public static void write(Path file, Map<String, Integer> pairCounts) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (Writer w =
          new BufferedWriter(
              new OutputStreamWriter(
                  new GZIPOutputStream(Files.newOutputStream(file), 1 << 16),
                  StandardCharsets.UTF_8))) {
        w.write(HEADER);
        w.write('\n');
        for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(pairCounts).entrySet()) {
          w.write(e.getKey());
          w.write('\t');
          w.write(Integer.toString(e.getValue()));
          w.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
  }

  /**
   * Reads the table into the heap.
   *
   * @throws UserError when it is missing, damaged, or has a pair twice
   */
  public static CoViewTable read(Path file) {
    return readRows(file).table();
  }

  /**
   * The table memory-mapped: its binary form under {@code cacheDir} (built from {@code file} by the
   * first task on this machine to open this version of it, then shared), nothing of it in the heap.
   * When that directory cannot be used (not writable, disk full), the table is read into the heap
   * and a warning says why.
   *
   * @param file the table (a file or the backfill's directory of parts)
   * @param cacheDir where the binary form is kept ({@code reasons.store-cache-dir})
   * @throws UserError when the table is missing, damaged, or has a pair twice, or its mapped form
   *     is damaged even when built again
   */
  public static CoViewTable open(Path file, Path cacheDir) {
    requireExists(file);
    try {
      return new CoViewTable(
          StoreCache.open(
              parts(file),
              cacheDir,
              CACHE_KIND,
              tmp -> {
                Rows rows = readRows(file);
                rows.writeMapped(tmp);
                return rows.size();
              },
              CoViewFile::map));
    } catch (IOException | UncheckedIOException e) {
      LOG.warn(
          "could not map the co-view table {} through {} ({}); reading it into the heap instead"
              + " (set reasons.store-cache-dir to a writable local directory)",
          file,
          cacheDir,
          e.toString());
      return read(file);
    }
  }

  private static void requireExists(Path file) {
    if (!Files.exists(file)) {
      throw new UserError("co-view table not found: " + file + " (run the feature job first)");
    }
  }

  /** The table's rows, read and sorted; a pair there twice stops the read. */
  static Rows readRows(Path file) {
    requireExists(file);
    Rows rows = new Rows();
    for (Path part : parts(file)) {
      readPart(part, rows);
    }
    String twice = rows.sort();
    if (twice != null) {
      throw new UserError(
          file
              + " has the co-view pair "
              + twice
              + " twice (parts of two runs mixed?); run the feature job again to rewrite it");
    }
    return rows;
  }

  /**
   * {@code file} itself, or the committed part files of a directory in {@link PartOrder}'s order
   * ({@code .tsv} or {@code .tsv.gz}; hidden and temporary files, such as a parallel sink's
   * in-progress parts, skipped).
   */
  public static List<Path> parts(Path file) {
    if (!Files.isDirectory(file)) {
      return List.of(file);
    }
    return PartOrder.list(file, 1, ".tsv", ".tsv.gz");
  }

  private static void readPart(Path file, Rows rows) {
    try (LineReader r = LineReader.open(file)) {
      r.next();
      for (RawLine l = r.next(); l != null; l = r.next()) {
        if (l.damage() != null) {
          throw new UserError(
              file
                  + " is damaged at line "
                  + l.lineNumber()
                  + ": "
                  + l.damage()
                  + "; run the feature job again to rewrite it");
        }
        String s = new String(l.bytes(), StandardCharsets.UTF_8);
        int t1 = s.indexOf('\t');
        int t2 = s.indexOf('\t', t1 + 1);
        rows.add(
            s.substring(0, t1), s.substring(t1 + 1, t2), Integer.parseInt(s.substring(t2 + 1)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  /** The pairs as they are read, numbered and then sorted into a table. */
  static final class Rows {
    private final Map<String, Integer> numbers = new HashMap<>();
    private long[] keys = new long[1024];
    private int[] counts = new int[1024];
    private int n;

    void add(String a, String b, int count) {
      if (n == keys.length) {
        int grown = (int) Math.min(Integer.MAX_VALUE - 8, keys.length + (keys.length >> 1));
        keys = Arrays.copyOf(keys, grown);
        counts = Arrays.copyOf(counts, grown);
      }
      keys[n] = pack(number(a), number(b));
      counts[n++] = count;
    }

    private int number(String item) {
      Integer x = numbers.get(item);
      if (x == null) {
        x = numbers.size();
        numbers.put(item, x);
      }
      return x;
    }

    /** Sorts the pairs; returns a pair that is there twice, as "a / b", or null. */
    String sort() {
      PairSort.sort(keys, counts, n);
      for (int i = 1; i < n; i++) {
        if (keys[i] == keys[i - 1]) {
          String[] item = new String[numbers.size()];
          numbers.forEach((id, x) -> item[x] = id);
          return item[(int) (keys[i] >>> 32)] + " / " + item[(int) keys[i]];
        }
      }
      return null;
    }

    int size() {
      return n;
    }

    /** Writes the sorted rows as a {@link CoViewFile}; the rows are renumbered in place. */
    void writeMapped(Path file) throws IOException {
      String[] byNumber = new String[numbers.size()];
      numbers.forEach((id, x) -> byNumber[x] = id);
      CoViewFile.write(file, CoViewFile.renumber(byNumber, keys, counts, n), keys, counts, n);
    }

    CoViewTable table() {
      return new CoViewTable(numbers, Arrays.copyOf(keys, n), Arrays.copyOf(counts, n));
    }
  }
}
