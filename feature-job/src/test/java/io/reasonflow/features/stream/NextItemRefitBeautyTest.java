package io.reasonflow.features.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reasonflow.common.seqrec.NextItemFile;
import io.reasonflow.features.SharedData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one streaming refit costs on a corpus the size of Amazon Beauty's (22,363 shoppers, 12,101
 * items): every shopper's reviews in time order, as the corpus holds them in {@code user} mode,
 * fitted and published as the streaming job does. Opt in with {@code -Drf.eval=true}; {@code
 * -Drf.refit.min-count=N} sets {@code features.linear-next.min-count} (100 by default, the demo's:
 * the exact solve, 1, needs about 9-10 GiB).
 */
class NextItemRefitBeautyTest {
  @TempDir Path dir;

  @Test
  void refitOnBeautySizedCorpus() throws Exception {
    assumeTrue(Boolean.getBoolean("rf.eval"), "the Beauty refit timing is opt-in: -Drf.eval=true");
    Path events = SharedData.beauty("events.tsv.gz");
    Map<String, List<String[]>> byUser = new LinkedHashMap<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(events)), StandardCharsets.UTF_8))) {
      in.readLine(); // header: user_id item_id ts type
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split("\t");
        byUser.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
      }
    }
    int cap = 500; // features.stream.max-profile-events
    List<String[]> entries = new ArrayList<>(byUser.size());
    byUser.forEach(
        (user, rows) -> {
          rows.sort(Comparator.comparingLong(r -> Long.parseLong(r[2]))); // stable: file order
          List<String> seq = new ArrayList<>();
          seq.add(user);
          for (String[] r : rows) {
            if (seq.size() == 1 || !seq.getLast().equals(r[1])) {
              seq.add(r[1]);
            }
          }
          List<String> kept =
              seq.size() - 1 <= cap
                  ? seq.subList(1, seq.size())
                  : seq.subList(seq.size() - cap, seq.size());
          List<String> entry = new ArrayList<>();
          entry.add(user);
          entry.addAll(kept);
          entries.add(entry.toArray(new String[0]));
        });
    Path target = dir.resolve(NextItemFile.FILE_NAME);
    StreamSettings s =
        BuildItemFeaturesHarnessTest.settings(
            "features.linear-next.enabled", "true",
            "features.linear-next.min-count", System.getProperty("rf.refit.min-count", "100"),
            "features.stream.next-item-model", target.toString());
    NextItemRefit refit = new NextItemRefit(s, new UnregisteredMetricsGroup());
    long start = System.nanoTime();
    NextItemRefit.Outcome o = refit.fit(entries, 2);
    double wall = (System.nanoTime() - start) / 1e9;
    refit.finished(o);
    assertThat(o.failure()).isNull();
    System.out.printf(
        "[figures] refit on %,d shoppers, %,d positions, %,d items (min-count %s): fit %.1f s,"
            + " write %.1f s, %.1f s in all; file %,d bytes%n",
        o.shoppers(),
        o.positions(),
        o.items(),
        System.getProperty("rf.refit.min-count", "100"),
        o.fitMillis() / 1000.0,
        o.writeMillis() / 1000.0,
        wall,
        Files.size(target));
    assertThat(o.shoppers()).isGreaterThan(20_000);
    assertThat(NextItemFile.read(target).itemIds()).hasSize(o.items());
  }
}
