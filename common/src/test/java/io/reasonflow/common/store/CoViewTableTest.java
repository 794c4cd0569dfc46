package io.reasonflow.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The co-view table reads the backfill's directory of parts as it reads one file. */
class CoViewTableTest {
  @TempDir Path dir;

  @Test
  void aDirectoryOfPartsReadsAsOneTableSkippingInProgressParts() throws IOException {
    Path table = Files.createDirectories(dir.resolve("coviews.tsv.gz"));
    part(table.resolve("part-b-0-0.tsv.gz"), "A\tB\t2", "B\tC\t2");
    part(table.resolve("part-a-1-0.tsv.gz"), "A\tC\t1");
    part(table.resolve(".part-c-1-1.tsv.gz.inprogress.x"), "A\tD\t9"); // a sink's uncommitted part
    CoViewTable t = CoViewTable.read(table);
    assertThat(t.pairs()).isEqualTo(3);
    assertThat(t.count("B", "A")).isEqualTo(2);
    assertThat(t.count("C", "B")).isEqualTo(2);
    assertThat(t.count("A", "C")).isEqualTo(1);
    assertThat(t.count("A", "D")).isZero();
    // Ordered by first row (PartOrder: names are random per run), not by name.
    assertThat(CoViewTable.parts(table))
        .extracting(p -> p.getFileName().toString())
        .containsExactly("part-b-0-0.tsv.gz", "part-a-1-0.tsv.gz");
  }

  @Test
  void oneFileReadsAsBefore() {
    Path file = dir.resolve("coviews.tsv.gz");
    CoViewTable.write(file, Map.of(CoViewTable.key("B", "A"), 4));
    assertThat(CoViewTable.read(file).count("A", "B")).isEqualTo(4);
    assertThat(CoViewTable.parts(file)).containsExactly(file);
  }

  @Test
  void countsAreTheSameWhicheverWayRoundAndZeroForStrangersOrTheSameItem() {
    CoViewTable t =
        CoViewTable.of(
            Map.of(CoViewTable.key("b", "a"), 3, CoViewTable.key("c", "a"), 1, "b\tc", 7));
    assertThat(t.pairs()).isEqualTo(3);
    assertThat(t.count("a", "b")).isEqualTo(3);
    assertThat(t.count("b", "a")).isEqualTo(3);
    assertThat(t.count("a", "c")).isEqualTo(1);
    assertThat(t.count("c", "b")).isEqualTo(7);
    assertThat(t.count("a", "a")).isZero();
    assertThat(t.count("a", "z")).isZero();
    assertThat(t.count("y", "z")).isZero();
  }

  @Test
  void aPairInTwoPartsStopsWithOneLineNamingIt() throws IOException {
    Path table = Files.createDirectories(dir.resolve("coviews.tsv.gz"));
    part(table.resolve("part-a-0-0.tsv.gz"), "A\tB\t2", "A\tC\t1");
    part(table.resolve("part-b-1-0.tsv.gz"), "A\tB\t5");
    assertThatThrownBy(() -> CoViewTable.read(table))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("co-view pair A / B twice")
        .hasMessageContaining("run the feature job again");
  }

  @Test
  void linesOfEveryJsonPartStreamInNameOrder() throws IOException {
    Path profiles = Files.createDirectories(dir.resolve("profiles.jsonl.gz"));
    part(profiles.resolve("part-x-1-0.jsonl.gz"), "{\"userId\":\"u2\"}");
    part(profiles.resolve("part-x-0-0.jsonl.gz"), "{\"userId\":\"u1\"}", "", "{\"userId\":\"u3\"}");
    List<String> lines = new ArrayList<>();
    JsonLines.forEachLine(profiles, lines::add);
    assertThat(lines)
        .containsExactly("{\"userId\":\"u1\"}", "{\"userId\":\"u3\"}", "{\"userId\":\"u2\"}");
  }

  private static void part(Path file, String... rows) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      if (file.getFileName().toString().contains(".tsv")) {
        out.write((CoViewTable.HEADER + "\n").getBytes(StandardCharsets.UTF_8));
      }
      for (String r : rows) {
        out.write((r + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
