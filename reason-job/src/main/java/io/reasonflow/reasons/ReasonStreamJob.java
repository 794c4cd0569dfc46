package io.reasonflow.reasons;

import io.reasonflow.common.model.UserProfile;
import io.reasonflow.reasons.flink.ProfileParser;
import io.reasonflow.reasons.flink.ReasonSources;
import io.reasonflow.reasons.flink.RecommendFunction;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The streaming reason job: every profile update from the feature job (the profiles topic) produces
 * the shopper's fresh top-k with verified reasons on the reasons topic. The job takes its source
 * and sink as arguments, so a test wires the same pipeline to a test broker; {@link
 * ReasonKafkaSettings} builds the production ones.
 */
public final class ReasonStreamJob {
  private final ReasonSettings settings;
  private final ReasonSources sources;

  /**
   * @param featuresDir the feature job's output (items, co-views and index the recommender reads),
   *     or a version root whose published version it follows ({@code
   *     reasons.stream.follow-interval})
   */
  public ReasonStreamJob(ReasonSettings settings, String featuresDir) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sources =
        new ReasonSources(
            Objects.requireNonNull(featuresDir, "featuresDir"), settings.followMillis());
  }

  /** Wires profiles -> recommendations -> sink onto {@code env}; the caller executes it. */
  public void wire(
      StreamExecutionEnvironment env, Source<String, ?, ?> profiles, Sink<Recommendation> sink) {
    DataStream<UserProfile> parsed =
        env.fromSource(profiles, WatermarkStrategy.noWatermarks(), "profile-updates")
            .uid("profile-updates")
            .flatMap(new ProfileParser())
            .name("parse-profiles")
            .uid("parse-profiles");
    RecommendFunction.applyTo(
            parsed.keyBy(UserProfile::userId), new RecommendFunction(settings, sources, 0))
        .uid("recommend")
        .sinkTo(sink)
        .name("reasons-topic")
        .uid("reasons-topic");
  }
}
