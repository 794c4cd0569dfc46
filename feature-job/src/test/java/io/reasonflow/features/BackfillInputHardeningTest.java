package io.reasonflow.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.io.DeadLetter;
import io.reasonflow.common.io.DeadLetterReason;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.index.IndexBuilder;
import io.reasonflow.index.IndexSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's input items proven through the real backfill ({@link FeatureJob#runBatch} on a local
 * MiniCluster, the code path of {@code ./reasonflow features}): an id too long for the index, a
 * gzip file cut short, hidden folders, empty files.
 */
class BackfillInputHardeningTest {
  private static final String HEADER = "user_id\titem_id\tts\ttype";
  @TempDir Path dir;

  /** 20 shoppers who each view i0..i4 and then {@code last}, a minute apart (one session each). */
  private static String sessions(String last) {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (int u = 0; u < 20; u++) {
      for (int i = 0; i <= 5; i++) {
        sb.append("u")
            .append(u)
            .append('\t')
            .append(i < 5 ? "i" + i : last)
            .append('\t')
            .append(1_400_000_000L + u * 86_400L + i * 60L)
            .append("\tview\n");
      }
    }
    return sb.toString();
  }

  @Test
  void anIdTooLongForTheIndexIsDeadLetteredAndTheIndexBuilds() throws IOException {
    String huge = "x".repeat(40_000);
    Path events = dir.resolve("events.tsv");
    Files.writeString(events, sessions(huge));
    Path out = dir.resolve("out");

    FeatureRunSummary s =
        new FeatureJob(Fixtures.smallConfig()).runBatch(Fixtures.batchEnv(), events, null, out);

    FeatureLayout layout = new FeatureLayout(out);
    // what `./reasonflow index` runs; with the long id in items.jsonl.gz Lucene refused it
    // ("immense term")
    IndexBuilder.build(layout.items(), layout.index(), IndexSettings.DEFAULT);
    try (var files = Files.list(layout.index())) {
      assertThat(files.count()).as("a committed index, not just write.lock").isGreaterThan(1);
    }
    List<DeadLetter> dead = JsonLines.readAll(layout.deadLetters(), DeadLetter.class);
    assertThat(dead)
        .hasSize(20)
        .allSatisfy(
            d -> {
              assertThat(d.reason()).isEqualTo(DeadLetterReason.ID_TOO_LONG);
              assertThat(d.detail()).contains("item_id").hasSizeLessThan(200);
              assertThat(d.raw()).contains(huge);
            });
    assertThat(s.events()).isEqualTo(100);
    assertThat(JsonLines.readAll(layout.items(), ItemFeatures.class))
        .extracting(ItemFeatures::id)
        .containsExactlyInAnyOrder("i0", "i1", "i2", "i3", "i4");
  }

  @Test
  void aGzipFileCutShortKeepsItsReadableLinesAndTheRunFinishes() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(gzip(lines(0, 3_000, true)));
    byte[] second = gzip(lines(3_000, 6_000, false));
    b.writeBytes(
        Arrays.copyOf(
            second, second.length / 2)); // the last member cut in half, as by a failed copy
    Path events = dir.resolve("events.tsv.gz");
    Files.write(events, b.toByteArray());
    Path out = dir.resolve("out");

    FeatureRunSummary s =
        new FeatureJob(Fixtures.smallConfig()).runBatch(Fixtures.batchEnv(), events, null, out);

    List<DeadLetter> dead =
        JsonLines.readAll(new FeatureLayout(out).deadLetters(), DeadLetter.class);
    assertThat(dead).hasSize(1);
    DeadLetter d = dead.get(0);
    assertThat(d.reason()).isEqualTo(DeadLetterReason.DAMAGED_GZIP);
    assertThat(d.source()).endsWith("events.tsv.gz");
    assertThat(d.position())
        .as("in the second member: after header + 3,000 lines")
        .isBetween(3_002L, 6_001L);
    assertThat(s.events()).as("every line before the damaged one").isEqualTo(d.position() - 2);
    assertThat(s.deadLetters()).isEqualTo(1);
  }

  @Test
  void hiddenFoldersAreSkippedAndEmptyFilesAreNamedInAWarning() throws IOException {
    Path in = dir.resolve("in");
    Files.createDirectories(in.resolve(".staging"));
    Files.createDirectories(in.resolve("_temporary"));
    Files.writeString(in.resolve("a.tsv"), sessions("i5"));
    Files.writeString(in.resolve(".staging/f.tsv"), HEADER + "\nhidden\ti0\t1400000000\tview\n");
    Files.writeString(
        in.resolve("_temporary/g.tsv"), HEADER + "\ntemporary\ti0\t1400000000\tview\n");
    Files.writeString(in.resolve("empty.tsv"), "");
    Files.writeString(in.resolve("header-only.csv"), "user_id,item_id,ts\n");
    Files.writeString(in.resolve("nothing.jsonl"), "");
    Path out = dir.resolve("out");

    FeatureRunSummary s;
    String log;
    try (CapturedLog captured = new CapturedLog(FeatureJob.class)) {
      s = new FeatureJob(Fixtures.smallConfig()).runBatch(Fixtures.batchEnv(), in, null, out);
      log = captured.text();
    }

    assertThat(s.events()).isEqualTo(120);
    assertThat(JsonLines.readAll(new FeatureLayout(out).profiles(), UserProfile.class))
        .extracting(UserProfile::userId)
        .doesNotContain("hidden", "temporary")
        .hasSize(20);
    assertThat(log)
        .containsPattern("WARN .*empty\\.tsv is empty")
        .containsPattern("WARN .*header-only\\.csv has a header but no lines")
        .containsPattern("WARN .*nothing\\.jsonl is empty")
        .doesNotContain("a.tsv is empty");
  }

  private static String lines(int from, int to, boolean header) {
    StringBuilder sb = new StringBuilder(header ? HEADER + "\n" : "");
    for (int i = from; i < to; i++) {
      sb.append("v")
          .append(i)
          .append("\ti")
          .append(i % 7)
          .append('\t')
          .append(1_400_000_000L + i)
          .append("\tview\n");
    }
    return sb.toString();
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(b)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return b.toByteArray();
  }
}
