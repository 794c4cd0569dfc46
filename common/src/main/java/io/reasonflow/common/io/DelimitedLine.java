package io.reasonflow.common.io;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one TSV or CSV line into fields. TSV has no quoting (a tab never occurs inside a field).
 * CSV follows RFC 4180 within a line: fields may be double-quoted, {@code ""} is a quote inside a
 * quoted field. A quoted field that spans lines is not supported: such a line is rejected as having
 * the wrong column count.
 */
final class DelimitedLine {
  private DelimitedLine() {}

  static List<String> split(String line, RecordFormat format) {
    return format == RecordFormat.TSV ? splitTsv(line) : splitCsv(line);
  }

  private static List<String> splitTsv(String line) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '\t') {
        out.add(line.substring(start, i));
        start = i + 1;
      }
    }
    out.add(line.substring(start));
    return out;
  }

  private static List<String> splitCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.isEmpty()) {
        quoted = true;
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    out.add(field.toString());
    return out;
  }
}
