package io.reasonflow.reasons.flink;

import io.reasonflow.common.model.UserProfile;
import io.reasonflow.reasons.EvidenceStores;
import io.reasonflow.reasons.FeatureVersion;
import io.reasonflow.reasons.ReasonSettings;
import io.reasonflow.reasons.Recommendation;
import io.reasonflow.reasons.Recommender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Profiles in, their top-k recommendations with verified reasons out. Each parallel task takes the
 * catalogue, the co-view table and the index in {@link #open} (opened once per JVM and shared by
 * its subtasks, {@link SharedEvidenceStores}), then serves every profile routed to it; shoppers are
 * independent, so the job scales by parallelism.
 *
 * <p>An operator rather than a flat-map function because it batches: the explainer ({@code
 * reasons.realiser = decoder}, loaded once per task here) costs one pass over its weights per token
 * for however many sentences, so {@code reasons.batch.profiles} shoppers are buffered and realised
 * together ({@link Recommender#recommend(List)}). The buffer is flushed when full, at the end of a
 * bounded input ({@link BoundedOneInput#endInput}), before every checkpoint barrier (so nothing
 * buffered ever needs to be in a checkpoint: the buffer is not state), and, for a stream that
 * pauses, {@code reasons.batch.max-wait} after its first shopper arrived. Batching changes only
 * speed: every shopper gets what they would get alone.
 *
 * <p>Metrics (group {@code reasonflow}) and, for a bounded run's result, accumulators of the same
 * names count profiles, recommendations, verifier rejections and, with the explainer, reasons it
 * wrote, its sentences the verifier rejected, template fallbacks, and the sentences it decoded
 * (memo misses; it keeps no memo).
 *
 * <p>A streaming task given a version root ({@link FeatureVersion}) follows publishes: at a flush,
 * at most every {@code reasons.stream.follow-interval}, it checks which version is live and, when
 * another was published, opens that one's stores and drops the old ones, so its reasons quote the
 * figures the query service serves. A published version it cannot open is logged and counted
 * ({@value #VERSION_REFUSED_METRIC}), and the task keeps the one it has. Every recommendation
 * records the version its evidence came from.
 *
 * <p>At the same checks, in the version it has, it picks up a next-item model published in place of
 * the one it ranks with (the streaming feature job refits it), without re-opening the catalogue,
 * co-views or index ({@value #NEXT_ITEM_LOADED_METRIC}); a new file it cannot read is logged and
 * counted ({@value #NEXT_ITEM_REFUSED_METRIC}), and the task keeps the model it has. With a fixed
 * output directory (not a version root) it follows that directory's next-item model the same way.
 */
public final class RecommendFunction extends AbstractStreamOperator<Recommendation>
    implements OneInputStreamOperator<UserProfile, Recommendation>, BoundedOneInput {
  private static final long serialVersionUID = 1L;

  /** Accumulator (and metric) with the profiles this operator received. */
  public static final String PROFILES_ACCUMULATOR = "profilesIn";

  /** Accumulator (and metric) with the recommendations it emitted. */
  public static final String RECOMMENDATIONS_ACCUMULATOR = "recommendationsOut";

  /** Accumulator (and metric) with the profiles nothing could be recommended for. */
  public static final String WITHOUT_RECOMMENDATION_ACCUMULATOR = "profilesWithoutRecommendation";

  /** Accumulator with the reasons the verifier rejected, for a bounded run's result. */
  public static final String REJECTED_ACCUMULATOR = "reasonsRejectedByVerifier";

  /**
   * Accumulator with the reasons in a further language of {@code reasons.locales} left out of their
   * recommendation (none written, or not verified in that language).
   */
  public static final String OTHER_LOCALE_REJECTED_ACCUMULATOR = "otherLocaleReasonsLeftOut";

  /** Accumulator with the explainer's reasons that verified and were emitted. */
  public static final String DECODER_ACCEPTED_ACCUMULATOR = "decoderReasonsAccepted";

  /** Accumulator with the explainer's sentences the verifier rejected. */
  public static final String REJECTED_BEAMS_ACCUMULATOR = "decoderBeamsRejected";

  /**
   * Accumulator with the reasons taken from the templates with {@code reasons.realiser = decoder}
   * (the explainer's sentence did not verify, or the list already had it).
   */
  public static final String FALLBACKS_ACCUMULATOR = "templateFallbacks";

  /**
   * Accumulator with the decodings the decoder's beam memo answered without running the network.
   */
  public static final String MEMO_HITS_ACCUMULATOR = "decoderMemoHits";

  /**
   * Accumulator with the decodings the network ran (memo misses, or every decoding with the memo
   * off).
   */
  public static final String MEMO_MISSES_ACCUMULATOR = "decoderMemoMisses";

  /** Metric with the published versions a task could not open (it kept the one it had). */
  public static final String VERSION_REFUSED_METRIC = "featureVersionsRefused";

  /**
   * Metric (and accumulator) with the next-item models published in its version's place (the
   * streaming feature job's refits) a task moved its candidates to.
   */
  public static final String NEXT_ITEM_LOADED_METRIC = "nextItemModelsLoaded";

  /**
   * Metric (and accumulator) with the published next-item model files a task could not read (it
   * kept its model).
   */
  public static final String NEXT_ITEM_REFUSED_METRIC = "nextItemModelsRefused";

  private static final Logger LOG = LoggerFactory.getLogger(RecommendFunction.class);

  private final ReasonSettings settings;
  private final ReasonSources sources;
  private final long totalShoppers;
  private final int batchProfiles;
  private final long maxWaitMillis;
  private transient FeatureVersion version;
  private transient long nextFollowCheck;
  private transient String lastRefusal;
  private transient Counter versionsRefused;
  private transient String lastNextItemRefusal;
  private transient Tally nextItemLoaded;
  private transient Tally nextItemRefused;
  private transient SharedEvidenceStores.Lease lease;
  private transient EvidenceStores stores;
  // loaded once per task, kept across re-opened stores: null with the template realiser
  private transient java.util.Map<
          io.reasonflow.reasons.realise.ReasonLocale,
          io.reasonflow.reasons.explain.decoder.ExplainerModel>
      explainers;
  private transient Recommender recommender;
  private transient List<UserProfile> buffer;
  private transient boolean timerPending;
  private transient Tally profiles;
  private transient Tally recommendations;
  private transient Tally withoutRecommendation;
  private transient Tally rejected;
  private transient Tally otherLocaleRejected;
  private transient Tally decoderAccepted;
  private transient Tally rejectedBeams;
  private transient Tally fallbacks;
  private transient Tally memoHits;
  private transient Tally memoMisses;

  /**
   * @param totalShoppers shoppers in the profile snapshot (for lift); 0 when unknown (streaming)
   */
  public RecommendFunction(ReasonSettings settings, ReasonSources sources, long totalShoppers) {
    this.settings = java.util.Objects.requireNonNull(settings, "settings");
    this.sources = sources;
    this.totalShoppers = totalShoppers;
    this.batchProfiles = settings.batchProfiles();
    this.maxWaitMillis = settings.batchMaxWaitMillis();
  }

  /** {@code profiles} through this operator, named as the jobs name it. */
  public static SingleOutputStreamOperator<Recommendation> applyTo(
      KeyedStream<UserProfile, String> profiles, RecommendFunction function) {
    return profiles.transform(
        "recommend-with-reasons", TypeInformation.of(Recommendation.class), function);
  }

  @Override
  public void open() throws Exception {
    super.open();
    version = FeatureVersion.resolve(Path.of(sources.featuresDir()));
    lease =
        SharedEvidenceStores.acquire(
            version.layout(), settings.sequenceModel(), settings.storeCache());
    stores = lease.stores();
    explainers =
        settings.realiser() == Recommender.RealiserChoice.DECODER
            ? Recommender.loadExplainers(settings)
            : null;
    recommender = stores.recommender(settings, totalShoppers, explainers);
    nextFollowCheck = System.nanoTime() + sources.followMillis() * 1_000_000L;
    buffer = new ArrayList<>(batchProfiles);
    MetricGroup group = getMetricGroup().addGroup("reasonflow");
    profiles = new Tally(group, PROFILES_ACCUMULATOR);
    recommendations = new Tally(group, RECOMMENDATIONS_ACCUMULATOR);
    withoutRecommendation = new Tally(group, WITHOUT_RECOMMENDATION_ACCUMULATOR);
    rejected = new Tally(group, REJECTED_ACCUMULATOR);
    otherLocaleRejected = new Tally(group, OTHER_LOCALE_REJECTED_ACCUMULATOR);
    decoderAccepted = new Tally(group, DECODER_ACCEPTED_ACCUMULATOR);
    rejectedBeams = new Tally(group, REJECTED_BEAMS_ACCUMULATOR);
    fallbacks = new Tally(group, FALLBACKS_ACCUMULATOR);
    memoHits = new Tally(group, MEMO_HITS_ACCUMULATOR);
    memoMisses = new Tally(group, MEMO_MISSES_ACCUMULATOR);
    versionsRefused = group.counter(VERSION_REFUSED_METRIC);
    nextItemLoaded = new Tally(group, NEXT_ITEM_LOADED_METRIC);
    nextItemRefused = new Tally(group, NEXT_ITEM_REFUSED_METRIC);
  }

  @Override
  public void processElement(StreamRecord<UserProfile> element) {
    profiles.add(1);
    buffer.add(element.getValue());
    if (buffer.size() >= batchProfiles) {
      flush();
    } else if (!timerPending && maxWaitMillis > 0) {
      // callbacks run in the task's mailbox thread, never alongside processElement
      timerPending = true;
      long at = getProcessingTimeService().getCurrentProcessingTime() + maxWaitMillis;
      getProcessingTimeService()
          .registerTimer(
              at,
              t -> {
                timerPending = false;
                flush();
              });
    }
  }

  @Override
  public void endInput() {
    flush();
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flush(); // the buffer is not state: empty it before the barrier goes downstream
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void finish() throws Exception {
    flush();
    super.finish();
  }

  private void flush() {
    if (buffer == null || buffer.isEmpty()) {
      return;
    }
    followPublishes();
    List<List<Recommendation>> recs = recommender.recommend(List.copyOf(buffer));
    buffer.clear();
    for (List<Recommendation> forOne : recs) {
      forOne.forEach(
          r -> output.collect(new StreamRecord<>(r.withFeaturesVersion(version.label()))));
      recommendations.add(forOne.size());
      if (forOne.isEmpty()) {
        withoutRecommendation.add(1);
      }
    }
    rejected.update(recommender.rejected());
    otherLocaleRejected.update(recommender.otherLocaleRejected());
    decoderAccepted.update(recommender.decoderAccepted());
    rejectedBeams.update(recommender.rejectedBeams());
    fallbacks.update(recommender.templateFallbacks());
    var memo = recommender.decoderMemoStats();
    memoHits.update(memo.hits());
    memoMisses.update(memo.misses());
  }

  /**
   * Switches to the published version when another one went live since the last check. Between
   * flushes only, so one batch is always read from one version; the recommender's running totals
   * were all reported at the last flush, so the tallies start again from the new one's zero.
   */
  private void followPublishes() {
    if (sources.followMillis() <= 0 || System.nanoTime() < nextFollowCheck) {
      return;
    }
    nextFollowCheck = System.nanoTime() + sources.followMillis() * 1_000_000L;
    if (!followVersion()) {
      followNextItem();
    }
  }

  /**
   * Moves the candidates to a next-item model published in this version's place since the last
   * check (the streaming feature job's refits), keeping the catalogue, co-views and index open. The
   * shared stores read each new file once for the JVM ({@link
   * io.reasonflow.reasons.PublishedNextItemModel}); every subtask moves its own recommender over.
   */
  private void followNextItem() {
    var check = stores.followNextItem();
    if (check.refusal() == null) {
      lastNextItemRefusal = null;
    } else if (!check.refusal().equals(lastNextItemRefusal)) { // once per bad file
      lastNextItemRefusal = check.refusal();
      nextItemRefused.add(1);
      LOG.warn(
          "reasons keep their next-item model: the one published in features version {} cannot be"
              + " read ({})",
          version.label(),
          check.refusal());
    }
    if (check.model() != null && check.model() != recommender.nextItemModel()) {
      recommender = recommender.withNextItemModel(check.model());
      nextItemLoaded.add(1);
      LOG.info(
          "reasons now rank candidates with the next-item model published in features version {}"
              + " ({})",
          version.label(),
          check.model().trainedWith());
    }
  }

  /**
   * Switches to the published version when another one went live; true when it did (its stores come
   * with their own next-item model).
   */
  private boolean followVersion() {
    FeatureVersion latest;
    SharedEvidenceStores.Lease opened;
    try {
      latest = version.latest();
      if (latest.equals(version)) {
        return false;
      }
      opened =
          SharedEvidenceStores.acquire(
              latest.layout(), settings.sequenceModel(), settings.storeCache());
    } catch (RuntimeException e) { // a bad version must not stop the reasons of the good one
      if (!String.valueOf(e.getMessage()).equals(lastRefusal)) { // once per bad publish
        lastRefusal = String.valueOf(e.getMessage());
        versionsRefused.inc();
        LOG.warn(
            "reasons stay on features version {}: the published one cannot be read ({})",
            version.label(),
            e.getMessage());
      }
      return false;
    }
    lastRefusal = null;
    SharedEvidenceStores.Lease old = lease;
    lease = opened;
    stores = lease.stores();
    recommender = stores.recommender(settings, totalShoppers, explainers);
    for (Tally t :
        List.of(
            rejected,
            otherLocaleRejected,
            decoderAccepted,
            rejectedBeams,
            fallbacks,
            memoHits,
            memoMisses)) {
      t.restart();
    }
    LOG.info("reasons now read features version {} (was {})", latest.label(), version.label());
    version = latest;
    lastNextItemRefusal = null;
    old.close();
    return true;
  }

  @Override
  public void close() throws Exception {
    try {
      if (lease != null) {
        lease.close(); // the last subtask in this JVM to hold them closes them
      }
    } finally {
      super.close();
    }
  }

  /** A running total as a metric counter and an accumulator, both fed the increments. */
  private final class Tally {
    private final Counter counter;
    private final LongCounter accumulator = new LongCounter();
    private long reported;

    Tally(MetricGroup group, String name) {
      counter = group.counter(name);
      getRuntimeContext().addAccumulator(name, accumulator);
    }

    /** Sets the running total (for the recommender's own totals). */
    void update(long total) {
      add(total - reported);
    }

    /** The recommender behind {@link #update} is a new one, whose totals start from zero. */
    void restart() {
      reported = 0;
    }

    /** Adds to the running total. */
    void add(long n) {
      counter.inc(n);
      accumulator.add(n);
      reported += n;
    }
  }
}
