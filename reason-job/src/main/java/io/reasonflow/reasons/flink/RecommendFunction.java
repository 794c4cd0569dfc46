package io.reasonflow.reasons.flink;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.index.search.ItemSearcher;
import io.reasonflow.reasons.Recommendation;
import io.reasonflow.reasons.Recommender;
import io.reasonflow.reasons.candidates.BruteForceSimilarity;
import io.reasonflow.reasons.candidates.IndexSimilarity;
import io.reasonflow.reasons.candidates.SimilarItems;
import io.reasonflow.reasons.evidence.ItemCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * A profile in, its top-k recommendations with verified reasons out. Each parallel task opens the catalogue, the
 * co-view table and the index once in {@link #open}, then serves every profile routed to it; shoppers are
 * independent, so the job scales by parallelism.
 */
public final class RecommendFunction extends RichFlatMapFunction<UserProfile, Recommendation> {
  private final Config config;
  private final ReasonSources sources;
  private final long totalShoppers;
  private transient ItemSearcher searcher;
  private transient Recommender recommender;
  private transient Counter profiles;
  private transient Counter recommendations;
  private transient Counter withoutRecommendation;
  private transient long rejectedReported;
  private transient Counter rejected;
  private transient LongCounter rejectedTotal;

  /** Accumulator with the reasons the verifier rejected, for a bounded run's result. */
  public static final String REJECTED_ACCUMULATOR = "reasonsRejectedByVerifier";

  /** @param totalShoppers shoppers in the profile snapshot (for lift); 0 when unknown (streaming) */
  public RecommendFunction(Config config, ReasonSources sources, long totalShoppers) {
    this.config = config;
    this.sources = sources;
    this.totalShoppers = totalShoppers;
  }

  @Override
  public void open(OpenContext ctx) {
    FeatureLayout layout = new FeatureLayout(Path.of(sources.featuresDir()));
    ItemCatalog catalog = ItemCatalog.read(layout.items());
    SimilarItems similar;
    if (Files.isDirectory(layout.index())) {
      searcher = ItemSearcher.open(layout.index());
      similar = new IndexSimilarity(searcher, catalog);
    } else {
      similar = new BruteForceSimilarity(catalog); // no index built (small catalogues, tests): exact scan
    }
    recommender = Recommender.fromConfig(config, catalog, CoViewTable.read(layout.coViews()), similar,
        totalShoppers);
    var group = getRuntimeContext().getMetricGroup().addGroup("reasonflow");
    profiles = group.counter("profilesIn");
    recommendations = group.counter("recommendationsOut");
    withoutRecommendation = group.counter("profilesWithoutRecommendation");
    rejected = group.counter("reasonsRejectedByVerifier");
    rejectedTotal = new LongCounter();
    getRuntimeContext().addAccumulator(REJECTED_ACCUMULATOR, rejectedTotal);
  }

  @Override
  public void flatMap(UserProfile profile, Collector<Recommendation> out) {
    profiles.inc();
    List<Recommendation> recs = recommender.recommend(profile);
    recs.forEach(out::collect);
    recommendations.inc(recs.size());
    if (recs.isEmpty()) {
      withoutRecommendation.inc();
    }
    long r = recommender.rejected();
    rejected.inc(r - rejectedReported);
    rejectedTotal.add(r - rejectedReported);
    rejectedReported = r;
  }

  @Override
  public void close() throws Exception {
    if (searcher != null) {
      searcher.close();
    }
  }
}
