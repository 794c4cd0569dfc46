package io.reasonflow.reasons;

import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.flink.PartFiles;
import io.reasonflow.reasons.flink.ProfileParser;
import io.reasonflow.reasons.flink.ReasonSources;
import io.reasonflow.reasons.flink.RecommendFunction;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The batch reason job as wiring: profiles in, keyed by shopper, each subtask's {@link
 * RecommendFunction} opens the evidence stores itself and writes verified recommendations to a
 * parallel sink (a part file per subtask). Built the same way for a local run ({@link
 * ReasonJob#run}, the CLI and the demo) and a cluster ({@link ReasonJobMain}); the parallelism is
 * the environment's, so a second TaskManager takes half the shoppers.
 *
 * <p>Shoppers are independent, so every output line depends only on its shopper's profile and the
 * read-only stores: any parallelism writes the same lines (in other part files).
 */
public final class ReasonBatchJob {
  /** The directory, under the job's output, that holds the recommendation parts. */
  public static final String RECOMMENDATIONS_DIR = "recommendations";

  private final ReasonSettings settings;
  private final ReasonSources sources;
  private final long totalShoppers;
  private final Set<String> users;

  /**
   * @param sources where each subtask opens the feature job's outputs
   * @param totalShoppers shoppers in the profile snapshot (the denominator of lift)
   * @param users shoppers to recommend for, or null for every profile
   */
  public ReasonBatchJob(
      ReasonSettings settings, ReasonSources sources, long totalShoppers, Set<String> users) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sources = Objects.requireNonNull(sources, "sources");
    this.totalShoppers = totalShoppers;
    this.users = users == null ? null : Set.copyOf(users);
  }

  /** Wires profiles -> recommendations -> sink onto {@code env}; the caller executes it. */
  public void wire(
      StreamExecutionEnvironment env, Source<String, ?, ?> profiles, Sink<Recommendation> sink) {
    DataStream<String> lines =
        env.fromSource(profiles, WatermarkStrategy.noWatermarks(), "profiles").uid("profiles");
    if (users != null) {
      // before parsing: a profile is mostly its vector, and only the named shoppers' are needed
      lines =
          lines
              .filter(new OnlyUsers(users))
              .name("only-requested-users")
              .uid("only-requested-users");
    }
    DataStream<UserProfile> parsed =
        lines.flatMap(new ProfileParser()).name("parse-profiles").uid("parse-profiles");
    var recommend =
        RecommendFunction.applyTo(
                parsed.keyBy(UserProfile::userId),
                new RecommendFunction(settings, sources, totalShoppers))
            .uid("recommend");
    var parts = recommend.sinkTo(sink).name("recommendation-parts").uid("recommendation-parts");
    // Pinned to the environment's parallelism: Flink's adaptive batch scheduler would otherwise
    // size these from the bytes of their input, and a profiles file of a few MB gets one subtask on
    // any cluster, while what a reason costs is CPU per shopper. (Seen on the session cluster:
    // --parallelism 2 ran the recommender at 1.)
    int p = env.getParallelism();
    if (p > 0) {
      recommend.setParallelism(p);
      parts.setParallelism(p);
    }
  }

  /**
   * The profiles file (JSON lines, gzip) of a feature output, read in splits by Flink's file
   * source.
   */
  public static FileSource<String> profileFiles(String profiles) {
    return FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(profiles)).build();
  }

  /** Part files under {@code out}/{@value #RECOMMENDATIONS_DIR}, through Flink's file systems. */
  public static FileSink<Recommendation> recommendationParts(String out) {
    return PartFiles.jsonLines(new Path(new Path(out), RECOMMENDATIONS_DIR).toString());
  }

  /** Passes the profiles of the requested shoppers only. */
  static final class OnlyUsers implements FilterFunction<String> {
    private static final long serialVersionUID = 1L;
    private final Set<String> users;

    OnlyUsers(Set<String> users) {
      this.users = Set.copyOf(users);
    }

    /**
     * A line whose shopper id cannot be read goes on to the parser, which logs it as today: the
     * filter must not hide a malformed profile.
     */
    @Override
    public boolean filter(String profileLine) {
      return JsonLines.topLevelText(profileLine, "userId").map(users::contains).orElse(true);
    }
  }
}
