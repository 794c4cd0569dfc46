package io.reasonflow.features.core;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.io.ItemFileReader;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.store.JsonLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Times {@link ContentVectors} on a catalogue and a backfill's item2vec vectors, outside Flink (a
 * measurement driver for docs/benchmarks.md, not a test). For each catalogue size n it takes the
 * catalogue's first n lines, the item2vec ({@code BEHAVIOUR}) vectors of those items, fits, maps
 * every item without one (cold), and prints the times and the cold items' salient-word share of
 * their nearest learned item ({@link SalientNeighbours}).
 *
 * <pre>
 * java -cp ... io.reasonflow.features.core.ContentFitTiming ITEMS.tsv ITEMS.jsonl.gz SIZES [key=value ...]
 * </pre>
 */
public final class ContentFitTiming {
  private ContentFitTiming() {}

  /** The process's CPU time (every thread, JIT and collector included), ns. */
  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  public static void main(String[] args) {
    Path itemsFile = Path.of(args[0]);
    Path vectorsDir = Path.of(args[1]);
    List<Integer> sizes = new ArrayList<>();
    for (String n : args[2].split(",")) {
      sizes.add(Integer.parseInt(n));
    }
    Config config = Config.defaults();
    for (int i = 3; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      config = config.with(kv[0], kv[1]);
    }
    ContentVectors.Settings settings = ContentVectors.Settings.from(config);
    LinkedHashMap<String, String> catalogue = new LinkedHashMap<>();
    new ItemFileReader().read(itemsFile, i -> catalogue.put(i.id(), i.title()), d -> {});
    Map<String, float[]> learned = new HashMap<>();
    JsonLines.forEach(
        vectorsDir,
        ItemFeatures.class,
        f -> {
          if (f.vectorSource() == ItemFeatures.VectorSource.BEHAVIOUR) {
            learned.put(f.id(), f.vector());
          }
        });
    System.err.printf(
        "[timing] %,d catalogue items, %,d learned vectors; %s%n",
        catalogue.size(), learned.size(), settings);
    // a first fit loads ND4J's native libraries and warms the JIT (10-20 s): on 2,000 titles, not
    // reported, so that every row times the fit alone
    Map<String, String> warmTitles = new HashMap<>();
    Map<String, float[]> warmVectors = new HashMap<>();
    catalogue.entrySet().stream()
        .limit(2000)
        .forEach(
            e -> {
              warmTitles.put(e.getKey(), e.getValue());
              if (learned.containsKey(e.getKey())) {
                warmVectors.put(e.getKey(), learned.get(e.getKey()));
              }
            });
    ContentVectors.fit(warmTitles, warmVectors, settings, m -> {});
    List<String> rows = new ArrayList<>();
    for (int n : sizes) {
      Map<String, String> titles = new HashMap<>();
      Map<String, float[]> behaviour = new HashMap<>();
      for (Map.Entry<String, String> e : catalogue.entrySet()) {
        if (titles.size() == n) {
          break;
        }
        titles.put(e.getKey(), e.getValue());
        float[] v = learned.get(e.getKey());
        if (v != null) {
          behaviour.put(e.getKey(), v);
        }
      }
      long start = System.nanoTime();
      long cpuStart = cpu();
      Optional<ContentVectors> fit =
          ContentVectors.fit(titles, behaviour, settings, m -> System.err.println("[timing] " + m));
      double fitSeconds = (System.nanoTime() - start) / 1e9;
      double fitCpu = (cpu() - cpuStart) / 1e9;
      if (fit.isEmpty()) {
        rows.add(String.format("%,d titles: nothing fitted", titles.size()));
        continue;
      }
      start = System.nanoTime();
      Map<String, float[]> cold = new TreeMap<>();
      titles.forEach(
          (id, t) -> {
            if (!behaviour.containsKey(id)) {
              fit.get().vector(t).ifPresent(v -> cold.put(id, v));
            }
          });
      double mapSeconds = (System.nanoTime() - start) / 1e9;
      SalientNeighbours q =
          new SalientNeighbours(
              new ArrayList<>(new TreeMap<>(behaviour).keySet()),
              behaviour,
              SalientNeighbours.salientWords(titles));
      cold.forEach(q::add);
      rows.add(
          String.format(
              "%,9d titles %,9d learned %,7d cold (%,d queries)  fit %7.1f s (CPU %7.1f s)  map cold %5.2f s"
                  + "  top-1 %.3f  top-10 %.3f  random %.3f",
              titles.size(),
              behaviour.size(),
              cold.size(),
              q.queries,
              fitSeconds,
              fitCpu,
              mapSeconds,
              q.top1(),
              q.top10(),
              q.random()));
      System.err.println("[timing] " + rows.get(rows.size() - 1));
    }
    rows.forEach(r -> System.out.println("[timing] " + r));
  }
}
