package io.reasonflow.features.stream;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.reasonflow.common.store.JsonLines;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
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
    FileSystem fs = target.getFileSystem();
    fs.mkdirs(target.getParent());
    Path tmp =
        new Path(target.getParent(), "." + target.getName() + ".inprogress." + UUID.randomUUID());
    ObjectWriter json = JsonLines.MAPPER.writer();
    try (OutputStream raw = fs.create(tmp, FileSystem.WriteMode.NO_OVERWRITE);
        OutputStream out = new GZIPOutputStream(new BufferedOutputStream(raw, 1 << 16), 1 << 16)) {
      for (String[] e : entries) {
        out.write(json.writeValueAsBytes(e));
        out.write('\n');
      }
    } catch (IOException | RuntimeException e) {
      fs.delete(tmp, false);
      throw e;
    }
    if (!fs.rename(tmp, target)) {
      fs.delete(target, false);
      if (!fs.rename(tmp, target)) {
        fs.delete(tmp, false);
        throw new IOException("could not publish corpus file " + target);
      }
    }
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
