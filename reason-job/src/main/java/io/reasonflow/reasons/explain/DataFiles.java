package io.reasonflow.reasons.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reasonflow.common.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Readers for the shared review data ({@code ../shared/data}, see its README): Amazon review JSON
 * lines, the catalogue TSV and the Chinese review TSV. A malformed line is skipped and counted; a
 * missing file is a {@link UserError} naming it.
 */
public final class DataFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DataFiles() {}

  /** What a read gave: the rows and how many lines were skipped as malformed. */
  public record Read<T>(List<T> rows, int skipped) {}

  /**
   * Amazon reviews ({@code reviewerID, asin, overall, reviewText, unixReviewTime}); the review id
   * is {@code reviewerID/asin} as in {@code aspects.Review}; a shopper's later review of an item
   * replaces the earlier. The summary (a headline) is not review text here.
   */
  public static Read<SourceReview> amazonReviews(Path file) {
    Map<String, SourceReview> byId = new java.util.LinkedHashMap<>();
    int skipped = 0;
    for (String line : lines(file)) {
      try {
        JsonNode n = JSON.readTree(line);
        String user = n.path("reviewerID").asText("");
        String item = n.path("asin").asText("");
        if (user.isEmpty() || item.isEmpty()) {
          skipped++;
          continue;
        }
        SourceReview r =
            new SourceReview(
                user + "/" + item,
                user,
                item,
                (int) Math.round(n.path("overall").asDouble(0)),
                n.path("unixReviewTime").asLong(0),
                n.path("reviewText").asText(""));
        byId.merge(r.reviewId(), r, (a, b) -> b.time() >= a.time() ? b : a);
      } catch (IOException e) {
        skipped++;
      }
    }
    return new Read<>(List.copyOf(byId.values()), skipped);
  }

  /** The catalogue by item id ({@code item_id, title, brand, category}, with a header). */
  public static Map<String, CatalogueEntry> catalogue(Path file) {
    Map<String, CatalogueEntry> out = new HashMap<>();
    boolean header = true;
    for (String line : lines(file)) {
      if (header) {
        header = false;
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length >= 4 && !f[0].isBlank()) {
        out.put(f[0], new CatalogueEntry(f[0], f[1], f[2], f[3]));
      }
    }
    return Map.copyOf(out);
  }

  /**
   * Chinese reviews ({@code category, label, review}, with a header). No shoppers or items: the
   * review id is the line number, the item is the category, the rating 5 for label 1 (positive) and
   * 1 for label 0 (negative), the two ends of the star scale the labels stand for.
   */
  public static Read<SourceReview> chineseReviews(Path file) {
    List<SourceReview> out = new ArrayList<>();
    int skipped = 0;
    int lineNo = 0;
    for (String line : lines(file)) {
      lineNo++;
      if (lineNo == 1) {
        continue;
      }
      String[] f = line.split("\t", 3);
      if (f.length < 3 || f[0].isBlank() || !(f[1].equals("0") || f[1].equals("1"))) {
        skipped++;
        continue;
      }
      out.add(
          new SourceReview(
              String.format("zh%06d", lineNo),
              "",
              f[0].strip(),
              f[1].equals("1") ? 5 : 1,
              0,
              f[2]));
    }
    return new Read<>(List.copyOf(out), skipped);
  }

  static List<String> lines(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserError(
          "no data file " + file + ": pass --data pointing at the shared data directory");
    }
    List<String> out = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          out.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
    return out;
  }
}
