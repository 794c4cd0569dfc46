package io.reasonflow.reasons.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A tab-separated table shipped beside the type lexicon ({@code product-types/*.tsv}: routines,
 * roles) whose rows name product types: read from the class path, blank and {@code #} lines
 * skipped, each row checked for its field count and each type it names against the lexicon, so a
 * typo in a shipped file fails at load naming its line rather than silently matching nothing.
 */
final class TypeTable {
  /** One data row: its 1-based line in the file and its tab-separated fields. */
  record Row(int line, String[] fields) {}

  private TypeTable() {}

  /** The lines of {@code resource} on the class path. */
  static String[] lines(String resource) {
    try (InputStream in = TypeTable.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The data rows of {@code lines}, each with {@code fields} fields ({@code want} names them). */
  static List<Row> rows(String resource, String[] lines, int fields, String want) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      if (f.length != fields) {
        throw new IllegalArgumentException(
            resource + " line " + (i + 1) + ": want " + want + "; got " + line);
      }
      rows.add(new Row(i + 1, f));
    }
    return rows;
  }

  /** {@code type}, stripped, when the lexicon knows it; else the row's line is named. */
  static String knownType(String resource, Row row, String type, ProductTypes types) {
    String t = type.strip();
    if (!types.knows(t)) {
      throw new IllegalArgumentException(
          resource
              + " line "
              + row.line()
              + ": '"
              + type
              + "' is not a type of "
              + ProductTypes.RESOURCE);
    }
    return t;
  }
}
