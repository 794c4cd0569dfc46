package io.reasonflow.common.io;

import io.reasonflow.common.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves an input path (one file, or a directory of record files) into the files to read, in name
 * order.
 *
 * <p>Under a directory, files and folders whose name starts with {@code .} or {@code _} are
 * skipped, whole folders included: they are hidden or temporary ({@code .staging/}, {@code
 * _temporary/}, {@code .part.tsv.crc}), half written by some copy or job, as Flink's file source
 * skips them by default ({@code DefaultFileFilter}). A file named on its own is read whatever its
 * name.
 */
public final class InputFiles {
  private static final Logger LOG = LoggerFactory.getLogger(InputFiles.class);

  private InputFiles() {}

  public static List<Path> list(Path input) {
    if (!Files.exists(input)) {
      throw new UserError("input not found: " + input + " (pass an existing file or directory)");
    }
    if (Files.isRegularFile(input)) {
      RecordFormat.detect(input);
      return List.of(input);
    }
    List<Path> files = new ArrayList<>();
    List<Path> skipped = new ArrayList<>();
    try {
      Files.walkFileTree(
          input,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (!dir.equals(input) && isHiddenOrTemporary(dir)) {
                skipped.add(dir);
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (!attrs.isRegularFile() && !Files.isRegularFile(file)) {
                return FileVisitResult.CONTINUE;
              }
              if (isHiddenOrTemporary(file)) {
                if (RecordFormat.isRecordFile(file)) {
                  skipped.add(file);
                }
              } else if (RecordFormat.isRecordFile(file)) {
                files.add(file);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + input, e);
    }
    if (!skipped.isEmpty()) {
      LOG.info(
          "skipped {} hidden or temporary entr{} under {} (names starting with '.' or '_'): {}",
          skipped.size(),
          skipped.size() == 1 ? "y" : "ies",
          input,
          skipped.subList(0, Math.min(5, skipped.size())).stream().map(input::relativize).toList());
    }
    if (files.isEmpty()) {
      throw new UserError(
          "no *.tsv, *.csv or *.jsonl files (optionally .gz) under "
              + input
              + (skipped.isEmpty()
                  ? ""
                  : " outside hidden or temporary folders ('.' or '_' names)"));
    }
    files.sort(null);
    return files;
  }

  /**
   * A name Flink's file source also skips: starting with {@code .} (hidden) or {@code _}
   * (temporary).
   */
  static boolean isHiddenOrTemporary(Path p) {
    Path name = p.getFileName();
    return name != null && (name.toString().startsWith(".") || name.toString().startsWith("_"));
  }
}
