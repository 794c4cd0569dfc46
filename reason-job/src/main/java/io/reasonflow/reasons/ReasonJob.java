package io.reasonflow.reasons;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.reasons.evidence.ItemCatalog;
import io.reasonflow.reasons.flink.ProfileParser;
import io.reasonflow.reasons.flink.ReasonSources;
import io.reasonflow.reasons.flink.RecommendFunction;
import io.reasonflow.reasons.report.HtmlReport;
import io.reasonflow.reasons.report.RecentItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The batch reason job: reads the feature job's outputs, runs the recommender inside a Flink job in BATCH mode
 * (profiles from profiles.jsonl.gz, one {@link RecommendFunction} per task that opens the catalogue, co-view table
 * and index once), and writes {@code recommendations.jsonl.gz} (top-k per shopper, each with a verified reason and
 * its evidence, in the order the shoppers were asked for) and {@code report.html} (the first
 * {@value #REPORT_USERS} shoppers) into the output directory.
 *
 * <p>Vector neighbours come from the Lucene index in {@code layout.index()} when it exists, else from an exact scan
 * of the catalogue.
 */
public final class ReasonJob {
  static final String RECOMMENDATIONS = "recommendations.jsonl.gz";
  static final String REPORT = "report.html";
  static final int REPORT_USERS = 50;
  /** Flink parallelism of the batch job: one recommender per task, one task per core here. */
  public static final int PARALLELISM = 2;

  private ReasonJob() {}

  /**
   * @param out output directory
   * @param users shoppers to recommend for, or null for every profile
   * @throws UserError when a named shopper has no profile
   */
  public static ReasonJobResult run(Config config, FeatureLayout layout, Path out, List<String> users) {
    Selection selection = select(layout, users);
    List<Recommendation> recs = new ArrayList<>();
    Counts counts = recommendInFlink(config, layout, selection, recs);
    return write(out, selection, ItemCatalog.read(layout.items()), recs, counts,
        Recommender.realiserChoice(config) == Recommender.RealiserChoice.DECODER ? "decoder" : "template");
  }

  /** What the recommend operators counted, summed over tasks. */
  private record Counts(long rejected, long decoderAccepted, long rejectedBeams, long fallbacks, long memoHits,
      long memoMisses) {}

  private static long count(JobExecutionResult result, String accumulator) {
    Long v = result.getAccumulatorResult(accumulator);
    return v == null ? 0 : v;
  }

  /** Runs the job, adds its recommendations to {@code out}, returns what it counted. */
  private static Counts recommendInFlink(Config config, FeatureLayout layout, Selection selection,
      List<Recommendation> out) {
    Configuration conf = new Configuration();
    conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM, conf);
    FileSource<String> profiles = FileSource.forRecordStreamFormat(new TextLineInputFormat(),
        new org.apache.flink.core.fs.Path(layout.profiles().toUri())).build();
    DataStream<UserProfile> parsed = env.fromSource(profiles, WatermarkStrategy.noWatermarks(), "profiles")
        .flatMap(new ProfileParser()).name("parse-profiles");
    if (selection.wanted != null) {
      parsed = parsed.filter(new OnlyUsers(selection.wanted)).name("only-requested-users");
    }
    // collectAsync before executeAsync, then drain: every result is read before the job (and its accumulators)
    // completes, and the job result still carries the verifier's count.
    try (CloseableIterator<Recommendation> it = RecommendFunction.applyTo(parsed.keyBy(UserProfile::userId),
            new RecommendFunction(config, new ReasonSources(layout.root().toString()), selection.totalProfiles))
        .collectAsync()) {
      JobClient job = env.executeAsync("reasonflow-reasons-batch");
      it.forEachRemaining(out::add);
      JobExecutionResult result = job.getJobExecutionResult().get();
      return new Counts(count(result, RecommendFunction.REJECTED_ACCUMULATOR),
          count(result, RecommendFunction.DECODER_ACCEPTED_ACCUMULATOR),
          count(result, RecommendFunction.REJECTED_BEAMS_ACCUMULATOR),
          count(result, RecommendFunction.FALLBACKS_ACCUMULATOR),
          count(result, RecommendFunction.MEMO_HITS_ACCUMULATOR),
          count(result, RecommendFunction.MEMO_MISSES_ACCUMULATOR));
    } catch (Exception e) {
      UserError user = UserError.findIn(e);
      throw user != null ? user : new IllegalStateException("reason job failed: " + e.getMessage(), e);
    }
  }

  private static ReasonJobResult write(Path out, Selection selection, ItemCatalog catalog,
      List<Recommendation> recs, Counts counts, String realiser) {
    Map<String, Integer> order = new HashMap<>();
    for (UserProfile p : selection.profiles) {
      order.putIfAbsent(p.userId(), order.size());
    }
    recs.sort(Comparator.comparing((Recommendation r) -> order.getOrDefault(r.userId(), Integer.MAX_VALUE))
        .thenComparing(Recommendation::userId).thenComparingInt(Recommendation::rank));
    Set<String> served = new HashSet<>();
    recs.forEach(r -> served.add(r.userId()));
    Path file = out.resolve(RECOMMENDATIONS);
    JsonLines.writeAll(file, recs);
    Map<String, List<RecentItem>> recent = new LinkedHashMap<>();
    for (UserProfile p : selection.profiles.subList(0, Math.min(REPORT_USERS, selection.profiles.size()))) {
      recent.put(p.userId(), RecentItem.of(p, catalog));
    }
    List<Recommendation> forReport = recs.stream().filter(r -> recent.containsKey(r.userId())).toList();
    Path report = out.resolve(REPORT);
    HtmlReport.write(report, "ReasonFlow recommendations", forReport, recent);
    return new ReasonJobResult(selection.profiles.size(), selection.profiles.size() - served.size(), recs.size(),
        counts.rejected(), realiser, counts.decoderAccepted(), counts.rejectedBeams(), counts.fallbacks(),
        counts.memoHits(), counts.memoMisses(), file, report);
  }

  /** Passes the profiles of the requested shoppers only. */
  static final class OnlyUsers implements FilterFunction<UserProfile> {
    private final Set<String> users;

    OnlyUsers(Set<String> users) {
      this.users = Set.copyOf(users);
    }

    @Override
    public boolean filter(UserProfile p) {
      return users.contains(p.userId());
    }
  }

  private record Selection(List<UserProfile> profiles, Set<String> wanted, long totalProfiles) {}

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
      return new Selection(inCallersOrder(chosen, users), wanted, total[0]);
    }
    return new Selection(chosen, null, total[0]);
  }
}
