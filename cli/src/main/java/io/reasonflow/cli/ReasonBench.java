package io.reasonflow.cli;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.index.search.ItemSearcher;
import io.reasonflow.reasons.Recommendation;
import io.reasonflow.reasons.Recommender;
import io.reasonflow.reasons.candidates.IndexSimilarity;
import io.reasonflow.reasons.evidence.ItemCatalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reason throughput and latency on a real feature output, for each realiser in the same run: batched (the Flink
 * operator's path, {@code reasons.batch.profiles} shoppers a call) in reasons per second, and single requests (one
 * shopper, as the query service would ask) as p50/p99 milliseconds. Candidates, evidence and verification are part
 * of every figure: they are what a reason costs.
 */
final class ReasonBench {
  private ReasonBench() {}

  record Row(String realiser, String locale, int shoppers, long reasons, double reasonsPerSecond, double p50Ms,
      double p99Ms) {}

  static List<Row> run(List<Config> configs, FeatureLayout layout, int shoppers, PrintWriter out) {
    List<UserProfile> profiles = new ArrayList<>();
    JsonLines.forEach(layout.profiles(), UserProfile.class, p -> {
      if (profiles.size() < shoppers) {
        profiles.add(p);
      }
    });
    ItemCatalog catalog = ItemCatalog.read(layout.items());
    CoViewTable coViews = CoViewTable.read(layout.coViews());
    List<Row> rows = new ArrayList<>();
    try (ItemSearcher searcher = ItemSearcher.open(layout.index())) {
      for (Config c : configs) {
        Recommender r = Recommender.fromConfig(c, catalog, coViews, new IndexSimilarity(searcher, catalog),
            profiles.size());
        r.recommend(profiles.subList(0, Math.min(20, profiles.size()))); // warm-up: JIT, native libraries
        int batch = c.integer("reasons.batch.profiles", 1, 100_000);
        long reasons = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < profiles.size(); i += batch) {
          for (List<Recommendation> recs : r.recommend(profiles.subList(i, Math.min(profiles.size(), i + batch)))) {
            reasons += recs.size();
          }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int singles = Math.min(profiles.size(), 300);
        double[] ms = new double[singles];
        for (int i = 0; i < singles; i++) {
          long s = System.nanoTime();
          r.recommend(profiles.get(i));
          ms[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        Row row = new Row(r.realiserName(), c.string("reasons.locale"), profiles.size(), reasons, reasons / seconds,
            ms[(int) (0.50 * (singles - 1))], ms[(int) (0.99 * (singles - 1))]);
        rows.add(row);
        out.println(format(List.of(row)).lines().skip(1).findFirst().orElse(""));
        out.flush();
      }
    }
    return rows;
  }

  static String format(List<Row> rows) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s %-6s %9s %9s %12s %9s %9s%n", "realiser",
        "locale", "shoppers", "reasons", "reasons/s", "p50 ms", "p99 ms"));
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "%-10s %-6s %9d %9d %12.1f %9.2f %9.2f%n", r.realiser(), r.locale(),
          r.shoppers(), r.reasons(), r.reasonsPerSecond(), r.p50Ms(), r.p99Ms()));
    }
    return sb.toString();
  }
}
