package io.reasonflow.common.io;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.text.HtmlEntities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads item catalogues: TSV/CSV with a header holding {@code item_id} and optionally {@code
 * title}, {@code brand}, {@code category} (a path separated by {@code >} or {@code |}) and {@code
 * price}. Rejected lines become dead letters, as for events; fields are held to {@link
 * FieldLimits}.
 */
public final class ItemFileReader {
  private static final Logger LOG = LoggerFactory.getLogger(ItemFileReader.class);

  public ReadStats read(Path input, Consumer<Item> items, Consumer<DeadLetter> deadLetters) {
    ReadStats stats = new ReadStats();
    for (Path file : InputFiles.list(input)) {
      readFile(file, items, deadLetters, stats);
    }
    return stats;
  }

  private void readFile(
      Path file, Consumer<Item> items, Consumer<DeadLetter> deadLetters, ReadStats stats) {
    RecordFormat format = RecordFormat.detect(file);
    if (format == RecordFormat.JSONL) {
      throw new UserError("item catalogues are read from TSV or CSV, not " + file);
    }
    try (LineReader lines = LineReader.open(file)) {
      RawLine headerLine = lines.next();
      if (headerLine == null) {
        LOG.warn("{} is empty", file);
        return;
      }
      if (headerLine.damage() != null) {
        stats.reject(DeadLetterReason.DAMAGED_GZIP);
        deadLetters.accept(DeadLetter.damaged(headerLine));
        return;
      }
      LineParser parser = LineParser.forHeader(headerLine, format);
      for (RawLine line = lines.next(); line != null; line = lines.next()) {
        ParseResult<Item> r = parser.parse(line);
        if (r instanceof ParseResult.Ok<Item> ok) {
          stats.accept();
          items.accept(ok.value());
        } else if (r instanceof ParseResult.Rejected<Item> rej) {
          stats.reject(rej.deadLetter().reason());
          deadLetters.accept(rej.deadLetter());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  /**
   * The lines of one catalogue file after its header: what a reader that sees the file line by line
   * (the backfill's Flink source) needs to parse it exactly as {@link #read} does.
   */
  public static final class LineParser implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final RecordFormat format;
    private final int columns;
    private final int id;
    private final int title;
    private final int brand;
    private final int category;
    private final int price;

    private LineParser(RecordFormat format, List<String> header) {
      this.format = format;
      this.columns = header.size();
      this.id = header.indexOf("item_id");
      this.title = header.indexOf("title");
      this.brand = header.indexOf("brand");
      this.category = header.indexOf("category");
      this.price = header.indexOf("price");
    }

    /**
     * @param headerLine line 1 of a TSV/CSV catalogue file (undamaged)
     * @throws UserError when the header has no {@code item_id} column
     */
    public static LineParser forHeader(RawLine headerLine, RecordFormat format) {
      if (format == RecordFormat.JSONL) {
        throw new UserError("item catalogues are read from TSV or CSV, not " + headerLine.source());
      }
      List<String> header =
          DelimitedLine.split(headerLine.decodeStrict().orElse(""), format).stream()
              .map(String::strip)
              .toList();
      if (!header.contains("item_id")) {
        throw new UserError(
            headerLine.source()
                + " has no column 'item_id' (its header: "
                + String.join(", ", header)
                + ")");
      }
      return new LineParser(format, header);
    }

    public ParseResult<Item> parse(RawLine line) {
      return ItemFileReader.parse(line, format, columns, id, title, brand, category, price);
    }
  }

  private static ParseResult<Item> parse(
      RawLine line,
      RecordFormat format,
      int columns,
      int id,
      int title,
      int brand,
      int category,
      int price) {
    if (line.damage() != null) {
      return new ParseResult.Rejected<>(DeadLetter.damaged(line));
    }
    Optional<String> text = line.decodeStrict();
    if (text.isEmpty()) {
      return ParseResult.rejected(
          DeadLetterReason.INVALID_UTF8, "", line.source(), line.lineNumber(), line.escaped());
    }
    String s = text.get();
    if (s.isBlank()) {
      return ParseResult.rejected(
          DeadLetterReason.EMPTY_LINE, "", line.source(), line.lineNumber(), s);
    }
    List<String> f = DelimitedLine.split(s, format);
    if (f.size() != columns) {
      return ParseResult.rejected(
          DeadLetterReason.WRONG_COLUMN_COUNT,
          f.size() + " columns, header has " + columns,
          line.source(),
          line.lineNumber(),
          s);
    }
    String itemId = f.get(id).strip();
    if (itemId.isEmpty()) {
      return ParseResult.rejected(
          DeadLetterReason.MISSING_FIELD,
          "'item_id' is empty",
          line.source(),
          line.lineNumber(),
          s);
    }
    Optional<FieldLimits.Violation> bad =
        FieldLimits.checkId("item_id", itemId)
            .or(
                () ->
                    title < 0
                        ? Optional.empty()
                        : FieldLimits.checkLength(
                            "title", f.get(title).strip(), FieldLimits.MAX_TITLE_CHARS))
            .or(
                () ->
                    brand < 0
                        ? Optional.empty()
                        : FieldLimits.checkLength(
                            "brand", f.get(brand).strip(), FieldLimits.MAX_BRAND_CHARS))
            .or(
                () ->
                    category < 0
                        ? Optional.empty()
                        : FieldLimits.checkLength(
                            "category", f.get(category).strip(), FieldLimits.MAX_CATEGORY_CHARS));
    if (bad.isPresent()) {
      return ParseResult.rejected(
          bad.get().reason(), bad.get().detail(), line.source(), line.lineNumber(), s);
    }
    double p = Double.NaN;
    if (price >= 0 && !f.get(price).isBlank()) {
      try {
        String v = f.get(price).strip();
        if (!EventLineParser.NUMBER.matcher(v).matches()) {
          throw new NumberFormatException(v); // Double.parseDouble would take "9.99d", "NaN", hex
        }
        p = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        return ParseResult.rejected(
            DeadLetterReason.BAD_NUMBER,
            "'price' = " + FieldLimits.quote(f.get(price)),
            line.source(),
            line.lineNumber(),
            s);
      }
    }
    List<String> path =
        category < 0 || f.get(category).isBlank()
            ? List.of()
            : Arrays.stream(f.get(category).split("[>|]"))
                .map(String::strip)
                .filter(x -> !x.isEmpty())
                .toList();
    // catalogues scraped from web pages keep HTML character references ("Cr&egrave;me"): decode
    // them once, here
    return ParseResult.ok(
        new Item(
            itemId,
            title < 0 ? "" : HtmlEntities.decode(f.get(title)),
            brand < 0 ? null : HtmlEntities.decode(f.get(brand)),
            path,
            p));
  }
}
