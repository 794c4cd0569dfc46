package io.reasonflow.common.io;

import io.reasonflow.common.UserError;
import java.nio.file.Path;
import java.util.Locale;

/**
 * File formats the historical readers understand, told apart by file name (a {@code .gz} suffix is
 * allowed).
 */
public enum RecordFormat {
  TSV,
  CSV,
  JSONL;

  public static boolean isRecordFile(Path file) {
    return detectOrNull(file.getFileName().toString()) != null;
  }

  public static RecordFormat detect(Path file) {
    RecordFormat f = detectOrNull(file.getFileName().toString());
    if (f == null) {
      throw new UserError(
          "cannot tell the format of "
              + file
              + ": name it *.tsv, *.csv or *.jsonl (optionally .gz)");
    }
    return f;
  }

  static RecordFormat detectOrNull(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    if (n.endsWith(".tsv") || n.endsWith(".tab")) {
      return TSV;
    }
    if (n.endsWith(".csv")) {
      return CSV;
    }
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
      return JSONL;
    }
    return null;
  }
}
