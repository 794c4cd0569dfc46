package io.reasonflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.store.JsonLines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.local.LocalDataOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One part as the FileSink writes it: the factory opens a writer on the part's stream, then finish,
 * then close.
 */
class GzipLinesWriterTest {
  record Row(String id, int n) {}

  @TempDir Path dir;

  @Test
  void jsonLinesPartReadsBackThroughJsonLines() throws IOException {
    Path part = dir.resolve("part-0.jsonl.gz");
    write(GzipLinesWriter.jsonLines(), part, List.of(new Row("a", 1), new Row("b", 2)));

    assertThat(JsonLines.readAll(part, Row.class))
        .containsExactly(new Row("a", 1), new Row("b", 2));
  }

  @Test
  void everyPartStartsWithTheHeaderEvenWhenEmpty() throws IOException {
    BulkWriter.Factory<Row> tsv =
        GzipLinesWriter.lines(
            "id\tn", r -> (r.id() + '\t' + r.n()).getBytes(StandardCharsets.UTF_8));
    Path full = dir.resolve("part-0.tsv.gz");
    Path empty = dir.resolve("part-1.tsv.gz");
    write(tsv, full, List.of(new Row("a", 1), new Row("é", 2)));
    write(tsv, empty, List.of());

    assertThat(gunzip(full)).isEqualTo("id\tn\na\t1\né\t2\n");
    assertThat(gunzip(empty)).isEqualTo("id\tn\n");
  }

  private static <T> void write(BulkWriter.Factory<T> factory, Path file, List<T> records)
      throws IOException {
    try (LocalDataOutputStream stream = new LocalDataOutputStream(file.toFile())) {
      BulkWriter<T> writer = factory.create(stream);
      for (T r : records) {
        writer.addElement(r);
      }
      writer.flush();
      writer.finish();
    }
  }

  private static String gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
