package io.reasonflow.common.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The order in which a directory of part files is read: the same in every run of the same job.
 *
 * <p>Flink's file sink names a part {@code part-<writer uuid>-<n>}, and the uuid is random per run,
 * so name order differs between two runs that wrote the same parts. Readers that build something
 * order-sensitive from the parts (the HNSW graph inserts vectors in reading order; reports list the
 * first rows) would then differ too. Each part's content is the same in every run (a keyed subtask
 * sees its keys in sorted order), and parts are disjoint, so the first data line of each part
 * orders them the same way every time; names break ties (empty parts).
 */
public final class PartOrder {
  private PartOrder() {}

  /**
   * The regular, committed files of {@code dir} (no hidden or temporary ones) whose name ends with
   * a suffix.
   */
  public static List<Path> list(Path dir, int headerLines, String... suffixes) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> parts =
          files
              .filter(Files::isRegularFile)
              .filter(
                  f -> {
                    String name = f.getFileName().toString();
                    if (name.startsWith(".") || name.startsWith("_")) {
                      return false;
                    }
                    for (String s : suffixes) {
                      if (name.endsWith(s)) {
                        return true;
                      }
                    }
                    return false;
                  })
              .toList();
      record Keyed(String first, Path path) {}
      return parts.stream()
          .map(p -> new Keyed(firstDataLine(p, headerLines), p))
          .sorted(Comparator.comparing(Keyed::first).thenComparing(Keyed::path))
          .map(Keyed::path)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + dir, e);
    }
  }

  private static String firstDataLine(Path part, int headerLines) {
    try (InputStream raw = Files.newInputStream(part);
        InputStream in =
            part.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (int i = 0; i < headerLines; i++) {
        if (r.readLine() == null) {
          return "";
        }
      }
      String line = r.readLine();
      return line == null ? "" : line;
    } catch (IOException e) {
      // A damaged part is reported by the reader that opens it next, with its line; here it only
      // sorts first.
      return "";
    }
  }
}
