package io.reasonflow.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs of a parallel job write the same parts under different random names: readers must see
 * them in one order (the HNSW graph is built in reading order), whatever the names.
 */
class PartOrderTest {
  @TempDir Path dir;

  @Test
  void theSamePartsUnderOtherNamesAreReadInTheSameOrder() throws IOException {
    Path run1 = Files.createDirectory(dir.resolve("run1"));
    Path run2 = Files.createDirectory(dir.resolve("run2"));
    // Same contents, names whose order is the reverse of the contents' order in run1 and the same
    // in run2.
    gz(run1.resolve("part-ffff-0.jsonl.gz"), "{\"id\":\"a\"}\n{\"id\":\"c\"}\n");
    gz(run1.resolve("part-0000-0.jsonl.gz"), "{\"id\":\"m\"}\n");
    gz(run2.resolve("part-1111-0.jsonl.gz"), "{\"id\":\"a\"}\n{\"id\":\"c\"}\n");
    gz(run2.resolve("part-2222-0.jsonl.gz"), "{\"id\":\"m\"}\n");
    assertThat(lines(run1)).containsExactly("{\"id\":\"a\"}", "{\"id\":\"c\"}", "{\"id\":\"m\"}");
    assertThat(lines(run2)).isEqualTo(lines(run1));
  }

  @Test
  void skipsHeadersHiddenAndInProgressFiles() throws IOException {
    gz(dir.resolve("part-b-0.tsv.gz"), "a\tb\tcount\nx\ty\t1\n");
    gz(dir.resolve("part-a-0.tsv.gz"), "a\tb\tcount\ny\tz\t2\n");
    gz(dir.resolve(".part-c-0.tsv.gz.inprogress"), "a\tb\tcount\n");
    gz(dir.resolve("_SUCCESS.tsv.gz"), "");
    assertThat(PartOrder.list(dir, 1, ".tsv.gz"))
        .extracting(p -> p.getFileName().toString())
        .containsExactly("part-b-0.tsv.gz", "part-a-0.tsv.gz");
  }

  private static List<String> lines(Path d) {
    List<String> out = new java.util.ArrayList<>();
    JsonLines.forEachLine(d, out::add);
    return out;
  }

  private static void gz(Path file, String text) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
