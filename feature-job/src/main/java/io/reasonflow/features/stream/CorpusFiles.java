package io.reasonflow.features.stream;

import com.fasterxml.jackson.databind.ObjectReader;
import io.reasonflow.common.store.JsonLines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * {@link RetrainItemModel}'s corpus spilled to a file in {@code features.stream.model-dir} at each
 * training ({@code item2vec-corpus-v<version>.jsonl.gz}, one JSON array a line: the sequence's key,
 * then its items, oldest sequence first), through Flink's {@code FileSystem}, written then renamed
 * into place as {@link ModelFiles} are. The retrainer's checkpoints then carry the file's path and
 * only the sequences since.
 */
final class CorpusFiles {
  private CorpusFiles() {}

  /** Writes {@code entries} (each: key, then items) as the corpus of version {@code version}. */
  static String write(String dir, long version, List<String[]> entries) throws IOException {
    Path target =
        new Path(
            new Path(dir), String.format(Locale.ROOT, "item2vec-corpus-v%d.jsonl.gz", version));
    PublishedJsonLines.write(target, entries, "corpus file");
    return target.toString();
  }

  /** The entries of a corpus file, in order. */
  static List<String[]> read(String path) throws IOException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem();
    if (!fs.exists(p)) {
      throw new IOException(
          "item2vec corpus file not found: "
              + path
              + " (features.stream.model-dir: keep the files the retained checkpoints refer to)");
    }
    List<String[]> out = new ArrayList<>();
    // line by line: a reader of a root-level array type would take each line's elements apart
    ObjectReader json = JsonLines.MAPPER.readerFor(String[].class);
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(fs.open(p), 1 << 16), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isBlank()) {
          out.add(json.readValue(line));
        }
      }
    }
    return out;
  }
}
