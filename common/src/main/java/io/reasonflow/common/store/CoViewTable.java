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
 */
public final class CoViewTable {
  /** The first line of the file, and of each part. */
  public static final String HEADER = "item_a\titem_b\tshoppers";

  private final Map<String, Integer> counts;

  private CoViewTable(Map<String, Integer> counts) {
    this.counts = counts;
  }

  public static CoViewTable of(Map<String, Integer> pairCounts) {
    return new CoViewTable(Map.copyOf(pairCounts));
  }

  /** The key of an unordered pair, the same whichever way round it is asked. */
  public static String key(String a, String b) {
    return a.compareTo(b) <= 0 ? a + '\t' + b : b + '\t' + a;
  }

  /** Distinct shoppers who had both items in one session; 0 when never together. */
  public int count(String a, String b) {
    return a.equals(b) ? 0 : counts.getOrDefault(key(a, b), 0);
  }

  public int pairs() {
    return counts.size();
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

  public static CoViewTable read(Path file) {
    if (!Files.exists(file)) {
      throw new UserError("co-view table not found: " + file + " (run the feature job first)");
    }
    Map<String, Integer> m = new HashMap<>();
    for (Path part : parts(file)) {
      readPart(part, m);
    }
    return new CoViewTable(m);
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

  private static void readPart(Path file, Map<String, Integer> m) {
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
        m.put(
            key(s.substring(0, t1), s.substring(t1 + 1, t2)),
            Integer.parseInt(s.substring(t2 + 1)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }
}
