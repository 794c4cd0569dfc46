package io.reasonflow.common.io;

import io.reasonflow.common.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Resolves an input path (one file, or a directory of record files) into the files to read, in name order. */
public final class InputFiles {
  private InputFiles() {}

  public static List<Path> list(Path input) {
    if (!Files.exists(input)) {
      throw new UserError("input not found: " + input + " (pass an existing file or directory)");
    }
    if (Files.isRegularFile(input)) {
      RecordFormat.detect(input);
      return List.of(input);
    }
    try (Stream<Path> s = Files.walk(input)) {
      List<Path> files = s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(RecordFormat::isRecordFile)
          .sorted()
          .toList();
      if (files.isEmpty()) {
        throw new UserError("no *.tsv, *.csv or *.jsonl files (optionally .gz) under " + input);
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + input, e);
    }
  }
}
