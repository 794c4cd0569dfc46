package io.reasonflow.common.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.reasonflow.common.UserError;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * JSON-lines files of records (gzip when the name ends in {@code .gz}): how the jobs hand features,
 * profiles and dead letters to each other and to users. One object a line, so files stream and
 * concatenate.
 */
public final class JsonLines {
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .findAndRegisterModules();

  private JsonLines() {}

  /**
   * The text of a top-level field of one JSON line (a profile's {@code "userId"}), read by
   * streaming up to it: what comes before it is tokenised and skipped, never parsed into numbers,
   * and nothing after it is read. Selecting a few shoppers' lines this way costs a fraction of
   * binding each line (a profile is mostly its vector's 64 floats). Empty when the line is not a
   * JSON object or the field is missing or not text.
   */
  public static Optional<String> topLevelText(String line, String field) {
    try (JsonParser p = MAPPER.getFactory().createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals(field)) {
          return value == JsonToken.VALUE_STRING ? Optional.of(p.getText()) : Optional.empty();
        }
        p.skipChildren();
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A writer that appends records; close it to flush. */
  public static <T> Writer<T> writer(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
      if (file.getFileName().toString().endsWith(".gz")) {
        out = new GZIPOutputStream(out, 1 << 16);
      }
      return new Writer<>(out, MAPPER.writer());
    } catch (IOException e) {
      throw new UncheckedIOException("creating " + file, e);
    }
  }

  public static <T> void writeAll(Path file, Iterable<? extends T> records) {
    try (Writer<T> w = writer(file)) {
      records.forEach(w::write);
    }
  }

  /**
   * Reads every record of {@code file}, or, when it is a directory, of every committed part file in
   * it (name order; hidden and temporary files such as a parallel sink's in-progress parts are
   * skipped): a parallel job writes one part per subtask, and a reader takes the directory as one
   * file.
   */
  public static <T> void forEach(Path file, Class<T> type, Consumer<? super T> action) {
    if (Files.isDirectory(file)) {
      for (Path part : parts(file)) {
        forEach(part, type, action);
      }
      return;
    }
    if (!Files.isRegularFile(file)) {
      throw new UserError("file not found: " + file + " (run the step that writes it first)");
    }
    try (InputStream raw = Files.newInputStream(file);
        InputStream in =
            file.getFileName().toString().endsWith(".gz")
                ? new GZIPInputStream(raw, 1 << 16)
                : raw;
        MappingIterator<T> it = MAPPER.readerFor(type).readValues(in)) {
      while (it.hasNext()) {
        action.accept(it.next());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  /**
   * Each line of {@code file} as text, or of every committed part when it is a directory (as {@link
   * #forEach}): for a reader that only needs a field of some lines and should not pay for binding
   * every record.
   */
  public static void forEachLine(Path file, Consumer<String> action) {
    whileLines(
        file,
        line -> {
          action.accept(line);
          return true;
        });
  }

  /**
   * The first {@code n} non-blank lines of {@code file}, or of its committed parts in order when it
   * is a directory (as {@link #forEachLine}), reading no further: for a reader that needs a few
   * records of a large snapshot, not all of it.
   */
  public static List<String> firstLines(Path file, int n) {
    List<String> out = new ArrayList<>();
    if (n > 0) {
      whileLines(
          file,
          line -> {
            out.add(line);
            return out.size() < n;
          });
    }
    return out;
  }

  /**
   * Hands each non-blank line of {@code file} (or of its committed parts, in order) to {@code more}
   * until it answers false, and then reads no further; false when it stopped early.
   */
  private static boolean whileLines(Path file, Predicate<String> more) {
    if (Files.isDirectory(file)) {
      for (Path part : parts(file)) {
        if (!whileLines(part, more)) {
          return false;
        }
      }
      return true;
    }
    if (!Files.isRegularFile(file)) {
      throw new UserError("file not found: " + file + " (run the step that writes it first)");
    }
    try (InputStream raw = Files.newInputStream(file);
        InputStream in =
            file.getFileName().toString().endsWith(".gz")
                ? new GZIPInputStream(raw, 1 << 16)
                : raw;
        var lines =
            new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isBlank() && !more.test(line)) {
          return false;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
    return true;
  }

  /**
   * The committed JSON-lines part files of a directory, in {@link PartOrder}'s order (the same
   * every run).
   */
  public static List<Path> parts(Path dir) {
    return PartOrder.list(dir, 0, ".jsonl", ".jsonl.gz");
  }

  public static <T> List<T> readAll(Path file, Class<T> type) {
    List<T> out = new ArrayList<>();
    forEach(file, type, out::add);
    return out;
  }

  /** Appends records as JSON lines. */
  public static final class Writer<T> implements Closeable {
    private final OutputStream out;
    private final ObjectWriter json;
    private long count;

    private Writer(OutputStream out, ObjectWriter json) {
      this.out = out;
      this.json = json;
    }

    public synchronized void write(T record) {
      try {
        out.write(json.writeValueAsBytes(record));
        out.write('\n');
        count++;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public synchronized long count() {
      return count;
    }

    @Override
    public synchronized void close() {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
