package io.reasonflow.reasons;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.index.search.ItemSearcher;
import io.reasonflow.reasons.candidates.BruteForceSimilarity;
import io.reasonflow.reasons.candidates.IndexSimilarity;
import io.reasonflow.reasons.candidates.SimilarItems;
import io.reasonflow.reasons.evidence.ItemCatalog;
import io.reasonflow.reasons.report.HtmlReport;
import io.reasonflow.reasons.report.RecentItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The batch reason job: reads the feature job's outputs, writes {@code recommendations.jsonl.gz} (top-k per
 * shopper, each with a verified reason and its evidence) and {@code report.html} (the first
 * {@value #REPORT_USERS} shoppers) into the output directory.
 *
 * <p>Vector neighbours come from the Lucene index in {@code layout.index()} when it exists, else from an exact scan
 * of the catalogue.
 *
 * <p>First version: a plain loop over profiles in one JVM. Shoppers are independent, so the same
 * {@link Recommender} drops into a Flink operator (opened once per task) unchanged.
 */
public final class ReasonJob {
  static final String RECOMMENDATIONS = "recommendations.jsonl.gz";
  static final String REPORT = "report.html";
  static final int REPORT_USERS = 50;

  private ReasonJob() {}

  /**
   * @param out output directory
   * @param users shoppers to recommend for, or null for every profile
   * @throws UserError when a named shopper has no profile
   */
  public static ReasonJobResult run(Config config, FeatureLayout layout, Path out, List<String> users) {
    ItemCatalog catalog = ItemCatalog.read(layout.items());
    CoViewTable coViews = CoViewTable.read(layout.coViews());
    Selection selection = select(layout, users);
    try (ItemSearcher searcher = Files.isDirectory(layout.index()) ? ItemSearcher.open(layout.index()) : null) {
      SimilarItems similar = searcher == null ? new BruteForceSimilarity(catalog)
          : new IndexSimilarity(searcher, catalog);
      return write(out, selection, catalog,
          Recommender.fromConfig(config, catalog, coViews, similar, selection.totalProfiles));
    }
  }

  private static ReasonJobResult write(Path out, Selection selection, ItemCatalog catalog, Recommender recommender) {
    Path file = out.resolve(RECOMMENDATIONS);
    List<Recommendation> forReport = new ArrayList<>();
    Map<String, List<RecentItem>> recent = new LinkedHashMap<>();
    long without = 0;
    try (JsonLines.Writer<Recommendation> w = JsonLines.writer(file)) {
      for (UserProfile p : selection.profiles) {
        List<Recommendation> recs = recommender.recommend(p);
        recs.forEach(w::write);
        without += recs.isEmpty() ? 1 : 0;
        if (recent.size() < REPORT_USERS) {
          recent.put(p.userId(), RecentItem.of(p, catalog));
          forReport.addAll(recs);
        }
      }
      Path report = out.resolve(REPORT);
      HtmlReport.write(report, "ReasonFlow recommendations", forReport, recent);
      return new ReasonJobResult(selection.profiles.size(), without, w.count(), recommender.rejected(), file, report);
    }
  }

  private record Selection(List<UserProfile> profiles, long totalProfiles) {}

  private static List<UserProfile> inCallersOrder(List<UserProfile> profiles, List<String> users) {
    Map<String, UserProfile> byId = new LinkedHashMap<>();
    profiles.forEach(p -> byId.put(p.userId(), p));
    return users.stream().distinct().map(byId::get).toList();
  }

  private static Selection select(FeatureLayout layout, List<String> users) {
    Set<String> wanted = users == null ? null : new HashSet<>(users);
    List<UserProfile> chosen = new ArrayList<>();
    long[] total = {0};
    JsonLines.forEach(layout.profiles(), UserProfile.class, p -> {
      total[0]++;
      if (wanted == null || wanted.contains(p.userId())) {
        chosen.add(p);
      }
    });
    if (wanted != null) {
      Set<String> missing = new HashSet<>(wanted);
      chosen.forEach(p -> missing.remove(p.userId()));
      if (!missing.isEmpty()) {
        throw new UserError(missing.size() + " requested user(s) have no profile in " + layout.profiles() + ", e.g. "
            + missing.stream().sorted().limit(5).toList());
      }
      return new Selection(inCallersOrder(chosen, users), total[0]);
    }
    return new Selection(chosen, total[0]);
  }
}
