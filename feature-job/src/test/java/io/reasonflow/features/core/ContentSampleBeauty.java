package io.reasonflow.features.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a bounded title sample costs on Beauty (a measurement driver for docs/benchmarks.md, not a
 * test): fits content vectors on all 12,101 titles and on samples of them, and prints for each the
 * fit's CPU time, the model's words, the share of cold items with a salient title word the model
 * does not know, and the salient-word share of their nearest learned items ({@link
 * SalientNeighbours}). The "cover" rows add to the sample, for every word in at least 2 of the
 * catalogue's titles, its {@code k} titles of smallest hash: the sample then knows every word of
 * the catalogue.
 *
 * <pre>
 * java -cp ... io.reasonflow.features.core.ContentSampleBeauty SIZES SEEDS COVER [key=value ...]
 * </pre>
 */
public final class ContentSampleBeauty {
  private ContentSampleBeauty() {}

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  public static void main(String[] args) {
    String sizes = args.length > 0 ? args[0] : "0,6000,3000,1500";
    String seeds = args.length > 1 ? args[1] : "42";
    int cover = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    List<String> overrides = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      overrides.addAll(List.of(args[i].split("=", 2)));
    }
    BeautyColdStart b = BeautyColdStart.load();
    SalientNeighbours ceiling = b.warmToWarm();
    List<String> rows = new ArrayList<>();
    rows.add(
        String.format(
            "%-32s %7s %7s %6s %8s %9s %7s %7s %7s",
            "fit on", "titles", "map on", "words", "CPU s", "unknown", "top-1", "top-10",
            "random"));
    for (String seed : seeds.split(",")) {
      for (String size : sizes.split(",")) {
        int n = Integer.parseInt(size);
        rows.add(row(b, n, Long.parseLong(seed), 0, overrides));
        if (cover > 0 && n > 0) {
          rows.add(row(b, n, Long.parseLong(seed), cover, overrides));
        }
      }
    }
    rows.add(
        String.format(
            "%-32s %7s %7s %6s %8s %9s %7.3f %7.3f",
            "ceiling (item2vec)", "", "", "", "", "", ceiling.top1(), ceiling.top10()));
    rows.forEach(r -> System.out.println("[beauty-sample] " + r));
  }

  private static String row(
      BeautyColdStart b, int n, long seed, int cover, List<String> overrides) {
    Map<String, String> titles = b.titles();
    List<String> keys = new ArrayList<>(overrides);
    keys.addAll(
        List.of(
            "features.content.fit-titles",
            Integer.toString(cover > 0 ? 0 : n),
            "features.item2vec.seed",
            Long.toString(seed)));
    ContentVectors.Settings s = b.settings(keys.toArray(String[]::new));
    if (cover > 0) {
      titles = covered(b.titles(), n, seed, cover, s.minWordCount());
    }
    int fitTitles = TitleSample.of(titles, s.fitTitles(), s.seed()).size();
    long start = cpu();
    ContentVectors content =
        ContentVectors.fit(titles, b.behaviour(), s, m -> System.err.println("[beauty] " + m))
            .orElseThrow();
    double cpuSeconds = (cpu() - start) / 1e9;
    Set<String> known = new HashSet<>(List.of(content.model().words()));
    int unknown = 0;
    for (String c : b.cold()) {
      for (String w : b.salient().getOrDefault(c, Set.of())) {
        if (!known.contains(w)) {
          unknown++;
          break;
        }
      }
    }
    SalientNeighbours q = b.coldToWarm(b.coldVectors(content));
    String label =
        (n == 0 ? "all titles" : String.format("sample of %,d", n))
            + (cover > 0 ? " + cover " + cover : "")
            + " (seed "
            + seed
            + ")";
    return String.format(
        "%-32s %,7d %,7d %,6d %8.1f %8.1f%% %7.3f %7.3f %7.3f",
        label,
        fitTitles,
        content.fittedOn(),
        known.size(),
        cpuSeconds,
        100.0 * unknown / b.cold().size(),
        q.top1(),
        q.top10(),
        q.random());
  }

  /** The sample of n, plus each word's k smallest-hash titles (words in at least minCount). */
  private static Map<String, String> covered(
      Map<String, String> titles, int n, long seed, int k, int minCount) {
    Map<String, String> out = new TreeMap<>(TitleSample.of(titles, n, seed));
    Map<String, TitleSample> byWord = new HashMap<>();
    Map<String, Integer> df = new HashMap<>();
    titles.forEach(
        (id, t) -> {
          for (String w : new HashSet<>(TitleWords.of(t))) {
            df.merge(w, 1, Integer::sum);
            byWord
                .computeIfAbsent(w, x -> new TitleSample(k, seed))
                .add(new TitleSample.Entry(id, t));
          }
        });
    byWord.forEach(
        (w, s) -> {
          if (df.get(w) >= minCount) {
            s.entries().forEach(i -> out.put(i.id(), i.title()));
          }
        });
    return out;
  }
}
