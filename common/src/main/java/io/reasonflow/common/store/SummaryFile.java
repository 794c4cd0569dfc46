package io.reasonflow.common.store;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.reasonflow.common.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A backfill's run summary ({@link FeatureLayout#summary()}) as a JSON tree, for the readers of its
 * fields ({@link SummaryEventTypes}, {@link SummaryShoppers}): they need no feature-job classes and
 * ignore the fields they do not know, and a summary that is not one a backfill writes is one line
 * naming the file and the fix.
 */
final class SummaryFile {
  private SummaryFile() {}

  /**
   * The summary's top-level object, or empty when there is none.
   *
   * @throws UserError when it is there but not a JSON object
   */
  static Optional<JsonNode> read(FeatureLayout layout) {
    Path file = layout.summary();
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = JsonLines.MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw malformed(file, oneLine(e.getOriginalMessage()) + where(e.getLocation()), e);
    } catch (IOException e) {
      throw new UserError(
          "cannot read the backfill's run summary " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw malformed(file, "not a JSON object", null);
    }
    return Optional.of(root);
  }

  /** The one line for a summary {@code file} a backfill did not write as it is. */
  static UserError malformed(Path file, String problem, Throwable cause) {
    return new UserError(
        "the backfill's run summary "
            + file
            + " is not readable ("
            + problem
            + "): run the feature job's backfill again to rewrite it",
        cause);
  }

  private static String where(JsonLocation at) {
    return at == null || at.getLineNr() < 1
        ? ""
        : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  /** Jackson's messages may run over several lines; the user gets one. */
  private static String oneLine(String s) {
    return s == null ? "not JSON" : s.strip().replaceAll("\\s+", " ");
  }
}
