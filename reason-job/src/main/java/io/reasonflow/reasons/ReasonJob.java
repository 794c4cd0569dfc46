package io.reasonflow.reasons;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.StoredRecommendation;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.common.store.SummaryShoppers;
import io.reasonflow.reasons.evidence.ItemCatalog;
import io.reasonflow.reasons.flink.ReasonSources;
import io.reasonflow.reasons.flink.RecommendFunction;
import io.reasonflow.reasons.report.HtmlReport;
import io.reasonflow.reasons.report.RecentItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the {@link ReasonBatchJob} on an environment the caller made (the CLI's local one, a test's
 * MiniCluster) and then, on the caller's side, writes {@code report.html} for the first {@value
 * #REPORT_USERS} shoppers: the job writes {@code recommendations/part-*.jsonl.gz} (top-k per
 * shopper, each with a verified reason and its evidence; one shopper's lines together and in rank
 * order), the report reads back only its shoppers' lines.
 *
 * <p>Vector neighbours come from the Lucene index in {@code layout.index()} when it exists, else
 * from an exact scan of the catalogue. The client reads the profiles file twice, streaming and
 * keeping nothing but a count (the lift's denominator) and, for named shoppers, which of them
 * exist: memory on the client does not grow with the history.
 */
public final class ReasonJob {
  static final String REPORT = "report.html";
  static final int REPORT_USERS = 50;

  private ReasonJob() {}

  /**
   * @param env where the job runs; its parallelism is the job's
   * @param out output directory; its {@value ReasonBatchJob#RECOMMENDATIONS_DIR}/ is replaced
   * @param users shoppers to recommend for, or null for every profile
   * @throws UserError when a named shopper has no profile, or the sequential model file is missing
   *     (when named) or unreadable, or the next-item model file is unreadable
   */
  public static ReasonJobResult run(
      StreamExecutionEnvironment env,
      Config config,
      FeatureLayout layout,
      Path out,
      List<String> users) {
    ReasonSettings settings = ReasonSettings.from(config); // a bad key fails here, once
    // a missing or damaged sequential model fails here, on the client, as one line
    EvidenceStores.sequenceModel(layout, settings.sequenceModel());
    EvidenceStores.nextItemModel(layout);
    if (settings.realiser() == Recommender.RealiserChoice.DECODER) {
      Recommender.loadExplainers(settings); // likewise a missing or damaged explainer
    }
    Set<String> wanted = users == null ? null : new LinkedHashSet<>(users);
    ProfileScan scan = ProfileScan.of(layout, wanted, REPORT_USERS);
    Path parts = out.resolve(ReasonBatchJob.RECOMMENDATIONS_DIR);
    deleteParts(parts);
    new ReasonBatchJob(
            settings,
            ReasonSources.fixed(layout.root().toAbsolutePath().toString()),
            scan.total(),
            wanted)
        .wire(
            env,
            ReasonBatchJob.profileFiles(layout.profiles().toAbsolutePath().toUri().toString()),
            ReasonBatchJob.recommendationParts(out.toAbsolutePath().toUri().toString()));
    JobExecutionResult result;
    try {
      result = env.execute("reasonflow-reasons-batch");
    } catch (Exception e) {
      UserError user = UserError.findIn(e);
      throw user != null
          ? user
          : new IllegalStateException("reason job failed: " + e.getMessage(), e);
    }
    Path report =
        writeReport(out.resolve(REPORT), parts, scan.reportUsers(), layout, settings.storeCache());
    String realiser =
        settings.realiser() == Recommender.RealiserChoice.DECODER ? "decoder" : "template";
    long profiles = count(result, RecommendFunction.PROFILES_ACCUMULATOR);
    return new ReasonJobResult(
        profiles,
        count(result, RecommendFunction.WITHOUT_RECOMMENDATION_ACCUMULATOR),
        count(result, RecommendFunction.RECOMMENDATIONS_ACCUMULATOR),
        count(result, RecommendFunction.REJECTED_ACCUMULATOR),
        realiser,
        count(result, RecommendFunction.DECODER_ACCEPTED_ACCUMULATOR),
        count(result, RecommendFunction.REJECTED_BEAMS_ACCUMULATOR),
        count(result, RecommendFunction.FALLBACKS_ACCUMULATOR),
        count(result, RecommendFunction.MEMO_HITS_ACCUMULATOR),
        count(result, RecommendFunction.MEMO_MISSES_ACCUMULATOR),
        parts,
        report);
  }

  private static long count(JobExecutionResult result, String accumulator) {
    Long v = result.getAccumulatorResult(accumulator);
    return v == null ? 0 : v;
  }

  /**
   * A previous run's parts would be read as this run's: the sink adds parts, it does not replace a
   * directory.
   */
  private static void deleteParts(Path parts) {
    if (!Files.isDirectory(parts)) {
      return;
    }
    try (var files = Files.list(parts)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
      Files.delete(parts);
    } catch (IOException e) {
      throw new UserError(
          "cannot clear the previous output "
              + parts
              + ": "
              + e.getMessage()
              + " (remove it, or choose another --out)",
          e);
    }
  }

  private static Path writeReport(
      Path report, Path parts, List<String> reportUsers, FeatureLayout layout, Path storeCache) {
    Map<String, List<Recommendation>> byUser = new LinkedHashMap<>();
    reportUsers.forEach(u -> byUser.put(u, new ArrayList<>()));
    StoredRecommendation.forEach(
        parts,
        s -> {
          List<Recommendation> l = byUser.get(s.userId());
          if (l != null) {
            l.add(Recommendation.fromStored(s));
          }
        });
    Set<String> wanted = new HashSet<>(reportUsers);
    Map<String, List<RecentItem>> recent = new LinkedHashMap<>();
    // the mapped catalogue the job's tasks built on this machine (a local run), or built here once
    ItemCatalog catalog = ItemCatalog.open(layout.items(), storeCache);
    JsonLines.forEach(
        layout.profiles(),
        UserProfile.class,
        p -> {
          if (wanted.contains(p.userId())) {
            recent.put(p.userId(), RecentItem.of(p, catalog));
          }
        });
    Map<String, List<RecentItem>> ordered = new LinkedHashMap<>();
    reportUsers.stream().filter(recent::containsKey).forEach(u -> ordered.put(u, recent.get(u)));
    List<Recommendation> recs = new ArrayList<>();
    byUser
        .values()
        .forEach(
            l -> {
              l.sort(Comparator.comparingInt(Recommendation::rank));
              recs.addAll(l);
            });
    HtmlReport.write(report, "ReasonFlow recommendations", recs, ordered);
    return report;
  }

  /**
   * What the client knows of the profiles before the job starts: how many (lift's denominator),
   * that every named shopper has one (a user error if not), and which shoppers the report shows
   * (the named ones in the caller's order, else the snapshot's first). With no shoppers named and a
   * run summary that records the count ({@link SummaryShoppers}), it reads only the first few
   * profiles; otherwise (shoppers named, or a backfill from before the count) one streaming pass
   * over them all.
   */
  record ProfileScan(long total, List<String> reportUsers) {
    static ProfileScan of(FeatureLayout layout, Set<String> wanted, int reportUsers) {
      Path profiles = layout.profiles();
      if (!Files.exists(profiles)) { // one file, or the backfill's directory of parts
        throw new UserError("file not found: " + profiles + " (run the feature job first)");
      }
      OptionalLong recorded = wanted == null ? SummaryShoppers.read(layout) : OptionalLong.empty();
      if (recorded.isPresent()) {
        List<String> first = new ArrayList<>();
        for (String line : JsonLines.firstLines(profiles, reportUsers)) {
          first.add(userOf(line));
        }
        return new ProfileScan(recorded.getAsLong(), first);
      }
      long[] total = {0};
      List<String> first = new ArrayList<>();
      Set<String> missing = wanted == null ? new HashSet<>() : new LinkedHashSet<>(wanted);
      JsonLines.forEachLine(
          profiles,
          line -> {
            total[0]++;
            if (first.size() < reportUsers || !missing.isEmpty()) {
              String user = userOf(line);
              missing.remove(user);
              if (wanted == null && first.size() < reportUsers) {
                first.add(user);
              }
            }
          });
      if (!missing.isEmpty()) {
        throw new UserError(
            missing.size()
                + " requested user(s) have no profile in "
                + profiles
                + ", e.g. "
                + missing.stream().sorted().limit(5).toList());
      }
      List<String> report = wanted == null ? first : wanted.stream().limit(reportUsers).toList();
      return new ProfileScan(total[0], report);
    }

    /** The line's shopper id, read without binding the profile; "" when it has none. */
    private static String userOf(String line) {
      return JsonLines.topLevelText(line, "userId").orElse("");
    }
  }
}
