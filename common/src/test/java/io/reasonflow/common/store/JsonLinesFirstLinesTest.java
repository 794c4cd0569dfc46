package io.reasonflow.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JsonLines#firstLines}: the head of a file or of a directory of parts, in read order. */
class JsonLinesFirstLinesTest {
  @TempDir Path dir;

  private static void gz(Path file, String text) throws Exception {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void takesTheFirstLinesAcrossPartsInTheOrderEveryReaderUses() throws Exception {
    Path parts = Files.createDirectory(dir.resolve("profiles.jsonl.gz"));
    // part order is by first line, not by name: "a" before "c"
    gz(parts.resolve("part-x-0.jsonl.gz"), "{\"u\":\"c\"}\n{\"u\":\"d\"}\n");
    gz(parts.resolve("part-y-0.jsonl.gz"), "{\"u\":\"a\"}\n\n{\"u\":\"b\"}\n");
    Files.writeString(parts.resolve(".part-z-0.jsonl.gz.inprogress"), "{\"u\":\"zz\"}\n");
    assertThat(JsonLines.firstLines(parts, 3))
        .containsExactly("{\"u\":\"a\"}", "{\"u\":\"b\"}", "{\"u\":\"c\"}");
    assertThat(JsonLines.firstLines(parts, 10)).hasSize(4);
    assertThat(JsonLines.firstLines(parts, 0)).isEmpty();
    java.util.List<String> all = new java.util.ArrayList<>();
    JsonLines.forEachLine(parts, all::add);
    assertThat(JsonLines.firstLines(parts, 4)).isEqualTo(all);
  }

  @Test
  void aPlainFileAndAMissingOne() throws Exception {
    Path file = dir.resolve("one.jsonl");
    Files.writeString(file, "1\n2\n3\n");
    assertThat(JsonLines.firstLines(file, 2)).containsExactly("1", "2");
    assertThatThrownBy(() -> JsonLines.firstLines(dir.resolve("none.jsonl"), 2))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("file not found");
  }
}
