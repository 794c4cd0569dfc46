package io.reasonflow.common.io;

import io.reasonflow.common.model.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads historical event files (a file or a directory; TSV/CSV with a header, or JSON lines; gzip
 * or plain). Every line becomes an event or a dead letter: nothing is silently dropped.
 */
public final class EventFileReader {
  private static final Logger LOG = LoggerFactory.getLogger(EventFileReader.class);
  private final EventSchema schema;

  public EventFileReader(EventSchema schema) {
    this.schema = Objects.requireNonNull(schema, "schema");
  }

  public ReadStats read(Path input, Consumer<Event> events, Consumer<DeadLetter> deadLetters) {
    ReadStats stats = new ReadStats();
    for (Path file : InputFiles.list(input)) {
      readFile(file, events, deadLetters, stats);
    }
    return stats;
  }

  private void readFile(
      Path file, Consumer<Event> events, Consumer<DeadLetter> deadLetters, ReadStats stats) {
    RecordFormat format = RecordFormat.detect(file);
    try (LineReader lines = LineReader.open(file)) {
      EventLineParser parser;
      RawLine first = lines.next();
      if (first == null) {
        LOG.warn("{} is empty", file);
        return;
      }
      if (format == RecordFormat.JSONL || first.damage() != null) {
        parser =
            EventLineParser.forJson(schema); // (a damaged first line only needs its dead letter)
      } else {
        parser = EventLineParser.forHeader(schema, format, first);
        first = lines.next();
        if (first == null) {
          LOG.warn("{} has a header but no lines", file);
          return;
        }
      }
      boolean unitLogged = schema.timestampUnit() != TimestampUnit.AUTO;
      for (RawLine line = first; line != null; line = lines.next()) {
        switch (parser.parse(line)) {
          case ParseResult.Ok<Event> ok -> {
            stats.accept();
            if (!unitLogged) {
              LOG.info(
                  "{}: timestamps read as {} (input.timestamp-unit=auto)",
                  file.getFileName(),
                  ok.value().eventTimeMs() % 1000 == 0
                      ? "seconds or whole-second millis"
                      : "milliseconds");
              unitLogged = true;
            }
            events.accept(ok.value());
          }
          case ParseResult.Rejected<Event> r -> {
            stats.reject(r.deadLetter().reason());
            deadLetters.accept(r.deadLetter());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }
}
