package io.reasonflow.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.io.DeadLetter;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.index.ShardLayout;
import io.reasonflow.index.search.ItemSearcher;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill at parallelism 2 on a MiniCluster of two TaskManagers with one slot each (so subtask
 * 0 and subtask 1 of every keyed operator and sink run in different TaskManagers) writes what it
 * writes at parallelism 1, over the first 20,000 lines of the real Amazon Beauty events plus two
 * malformed lines: co-view rows exactly; per item its catalogue entry, vector source, shopper count
 * and co-view neighbours (counts, scores and order); per shopper the anchors, seen items and
 * counts; the dead letters; the summary's counts; and every item and profile vector, bit for bit:
 * item2vec trains on its corpus in a fixed order whatever the parallelism ({@code CorpusOrderKey})
 * with one skip-gram worker, and both runs are in this one JVM (another CPU may round ND4J's
 * kernels differently; with two workers 5,004 of 5,256 vectors differed in the fourth decimal). The
 * p=2 run also writes the index, one shard per subtask, which must hold exactly its item rows.
 */
class FeatureBatchClusterITCase {
  static final int LINES = 20_000;

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(2)
              .setNumberSlotsPerTaskManager(1)
              .build());

  @TempDir Path dir;

  @Test
  void twoTaskManagersAtParallelismTwoWriteWhatParallelismOneWrites() throws Exception {
    Path events = slice(dataFile("events.tsv.gz"), dir.resolve("events.tsv"));
    Path items = dataFile("items.tsv.gz");
    Config config =
        Config.load(
            null,
            Map.of(
                "features.item2vec.epochs",
                "2",
                "features.item2vec.dim",
                "16",
                "features.content.epochs",
                "2"));

    long t0 = System.nanoTime();
    FeatureLayout one = new FeatureLayout(dir.resolve("p1"));
    FeatureRunSummary s1 = new FeatureJob(config).runBatch(env(1), events, items, one.root());
    long t1 = System.nanoTime();
    FeatureLayout two = new FeatureLayout(dir.resolve("p2"));
    FeatureRunSummary s2 = new FeatureJob(config).runBatch(env(2), events, items, two.root(), true);
    long t2 = System.nanoTime();

    assertThat(JsonLines.parts(one.items())).as("one part at parallelism 1").hasSize(1);
    assertThat(JsonLines.parts(two.items())).as("a part per subtask").hasSize(2);
    assertThat(JsonLines.parts(two.profiles())).hasSize(2);
    assertThat(CoViewTable.parts(two.coViews())).hasSize(2);

    List<String> coViews = coViewRows(one.coViews());
    assertThat(coViews).hasSizeGreaterThan(1000);
    assertThat(coViewRows(two.coViews())).isEqualTo(coViews);
    assertThat(CoViewTable.read(two.coViews()).pairs()).isEqualTo(coViews.size());

    Map<String, String> rows = itemRows(one.items());
    assertThat(rows).hasSizeGreaterThan(1000);
    assertThat(rows.values())
        .anyMatch(r -> r.startsWith("CONTENT")); // cold catalogue items took the content path
    assertThat(itemRows(two.items())).isEqualTo(rows);

    Map<String, String> profiles = profileRows(one.profiles());
    assertThat(profiles).hasSizeGreaterThan(1000);
    assertThat(profileRows(two.profiles())).isEqualTo(profiles);

    for (ItemFeatures.VectorSource source : ItemFeatures.VectorSource.values()) {
      Function<Path, Map<String, String>> bySource =
          dir -> {
            Map<String, String> out = new TreeMap<>();
            JsonLines.forEach(
                dir,
                ItemFeatures.class,
                f -> {
                  if (f.vectorSource() == source) {
                    out.put(f.id(), Arrays.toString(f.vector()));
                  }
                });
            return out;
          };
      Map<String, String> expected = bySource.apply(one.items());
      assertThat(expected).isNotEmpty();
      assertThat(bySource.apply(two.items()))
          .as("%s item vectors, bit for bit", source)
          .isEqualTo(expected);
    }
    assertThat(vectors(two.profiles(), UserProfile.class, UserProfile::userId, UserProfile::vector))
        .as("profile vectors, bit for bit")
        .isEqualTo(
            vectors(one.profiles(), UserProfile.class, UserProfile::userId, UserProfile::vector));

    // the index the p=2 run wrote beside its items: a shard per subtask, together every item row
    // exactly
    assertThat(ShardLayout.read(two.index()).shards()).isEqualTo(2);
    try (ItemSearcher index = ItemSearcher.open(two.index())) {
      assertThat(index.size()).isEqualTo(rows.size());
      JsonLines.forEach(
          two.items(), ItemFeatures.class, f -> assertThat(index.get(f.id())).contains(f));
    }
    assertThat(one.index()).as("no index unless asked").doesNotExist();

    List<String> dead = deadLetters(one.deadLetters());
    assertThat(dead).hasSize(2);
    assertThat(deadLetters(two.deadLetters())).isEqualTo(dead);

    assertThat(
            List.of(
                s2.events(),
                s2.deadLetters(),
                s2.users(),
                s2.items(),
                s2.sessions(),
                s2.coViewPairs()))
        .isEqualTo(
            List.of(
                s1.events(),
                s1.deadLetters(),
                s1.users(),
                s1.items(),
                s1.sessions(),
                s1.coViewPairs()));
    assertThat(s1.items()).isEqualTo(rows.size());
    assertThat(s1.coViewPairs()).isEqualTo(coViews.size());
    System.err.printf(
        "[figures] backfill of %,d lines on a 2-TaskManager MiniCluster: p=1 %,d ms, p=2 %,d ms; "
            + "%,d items, %,d co-view pairs, %,d profiles, equal%n",
        LINES + 2,
        (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000,
        rows.size(),
        coViews.size(),
        profiles.size());
  }

  /**
   * The MiniCluster's environment (the extension makes it the context one) in BATCH mode at {@code
   * p}.
   */
  private static StreamExecutionEnvironment env(int p) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    env.setParallelism(p);
    return env;
  }

  static Path dataFile(String name) {
    String shared = System.getProperty("rf.shared.data");
    if (shared != null && Files.isRegularFile(Path.of(shared, "amazon-beauty-2014", name))) {
      return Path.of(shared, "amazon-beauty-2014", name);
    }
    String repo = System.getProperty("rf.repo.root");
    Path sample = repo == null ? null : Path.of(repo, "samples", "amazon-beauty-2014", name);
    assumeTrue(
        sample != null && Files.isRegularFile(sample),
        "no amazon-beauty-2014/" + name + " under rf.shared.data or rf.repo.root/samples");
    return sample;
  }

  private static Path slice(Path gz, Path out) throws IOException {
    try (BufferedReader r =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8));
        BufferedWriter w = Files.newBufferedWriter(out)) {
      String line;
      for (int i = 0; i < LINES && (line = r.readLine()) != null; i++) {
        w.write(line);
        w.newLine();
      }
      w.write("only-two\tcolumns\n");
      w.write("u\ti\tnot-a-time\treview\n");
    }
    return out;
  }

  private static List<String> coViewRows(Path coViews) throws IOException {
    List<String> rows = new ArrayList<>();
    for (Path part : CoViewTable.parts(coViews)) {
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(
                  new GZIPInputStream(Files.newInputStream(part)), StandardCharsets.UTF_8))) {
        assertThat(r.readLine()).as("each part's header").isEqualTo(CoViewTable.HEADER);
        r.lines().forEach(rows::add);
      }
    }
    return rows.stream().sorted().toList();
  }

  private static Map<String, String> itemRows(Path items) {
    Map<String, String> out = new TreeMap<>();
    JsonLines.forEach(
        items,
        ItemFeatures.class,
        f -> {
          assertThat(
                  out.put(
                      f.id(),
                      f.vectorSource()
                          + " shoppers="
                          + f.shoppers()
                          + " item="
                          + f.item()
                          + " coviews="
                          + f.coViews()))
              .as("one row per item")
              .isNull();
        });
    return out;
  }

  private static Map<String, String> profileRows(Path profiles) {
    Map<String, String> out = new TreeMap<>();
    JsonLines.forEach(
        profiles,
        UserProfile.class,
        p ->
            out.put(
                p.userId(),
                p.recent()
                    + " seen="
                    + p.seenItems()
                    + " events="
                    + p.eventCount()
                    + " updated="
                    + p.updatedAtMs()
                    + " dim="
                    + p.vector().length));
    return out;
  }

  /**
   * Each record's vector as text: Float.toString round-trips exactly, so equal text is equal bits.
   */
  private static <T> Map<String, String> vectors(
      Path dir, Class<T> type, Function<T, String> id, Function<T, float[]> vector) {
    Map<String, String> out = new TreeMap<>();
    JsonLines.forEach(dir, type, r -> out.put(id.apply(r), Arrays.toString(vector.apply(r))));
    return out;
  }

  private static List<String> deadLetters(Path file) {
    List<String> out = new ArrayList<>();
    JsonLines.forEach(
        file, DeadLetter.class, d -> out.add(d.reason() + " " + d.position() + " " + d.raw()));
    return out.stream().sorted().toList();
  }
}
