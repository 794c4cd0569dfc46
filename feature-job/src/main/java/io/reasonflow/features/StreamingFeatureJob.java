package io.reasonflow.features;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.config.EventSchemas;
import io.reasonflow.common.io.DeadLetter;
import io.reasonflow.common.io.EventSchema;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.features.sinks.CheckpointCommittedSink;
import io.reasonflow.features.sinks.DeadLetterKey;
import io.reasonflow.features.sinks.ItemFeaturesKey;
import io.reasonflow.features.sinks.JsonLinesProfileStore;
import io.reasonflow.features.sinks.KafkaSinks;
import io.reasonflow.features.sinks.LuceneItemStore;
import io.reasonflow.features.sinks.UserProfileKey;
import io.reasonflow.features.sources.KafkaEvent;
import io.reasonflow.features.sources.KafkaEventSources;
import io.reasonflow.features.sources.KafkaEventWatermarks;
import io.reasonflow.features.stream.AttachShoppers;
import io.reasonflow.features.stream.BuildItemFeatures;
import io.reasonflow.features.stream.CountPairs;
import io.reasonflow.features.stream.CountShoppers;
import io.reasonflow.features.stream.ItemModel;
import io.reasonflow.features.stream.ItemSignal;
import io.reasonflow.features.stream.ItemSignalKey;
import io.reasonflow.features.stream.ModelRef;
import io.reasonflow.features.stream.NextItemRefitSettings;
import io.reasonflow.features.stream.PublishModelFile;
import io.reasonflow.features.stream.RetrainItemModel;
import io.reasonflow.features.stream.SelfKey;
import io.reasonflow.features.stream.SessionEvents;
import io.reasonflow.features.stream.SessionEventsKey;
import io.reasonflow.features.stream.SplitDeadLetters;
import io.reasonflow.features.stream.StreamEvent;
import io.reasonflow.features.stream.StreamSettings;
import io.reasonflow.features.stream.StreamUserKey;
import io.reasonflow.features.stream.UserProfiles;
import io.reasonflow.features.stream.UserSessions;
import io.reasonflow.index.IndexSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming feature job: shopper events from Kafka in; item features (shoppers, co-views,
 * vector) into the Lucene item index, user profiles into the profile store, both also to Kafka
 * topics, and rejected events to a dead-letter topic, all exactly once per completed checkpoint.
 * Figures are defined as in the backfill ({@link io.reasonflow.features.core.UserHistory}, {@link
 * io.reasonflow.features.core.CoViews}, {@link io.reasonflow.features.core.Profiles}), computed
 * incrementally as sessions close.
 *
 * <pre>
 * kafka-events (parsed; watermarks per partition: bounded out-of-orderness, idleness)
 *   -> split-dead-letters -(dead letters)-----------------------------------------------> dead-letter topic
 *   -> user-sessions (keyed by user) -(late)----------------------------------------------> dead-letter topic
 *        |- closed sessions -> user-profiles (keyed by user; + model broadcast)
 *        |                        '-> profile store (store-shards subtasks, by shopper) + topic
 *        |- new (user, item) -> item-shoppers (keyed by item) -----.
 *        |- new (user, pair) -> coview-pairs (keyed by pair) -(a,b),(b,a)-+-> attach-shoppers
 *        |        (keyed by item: attaches its shopper count, forwards each side to the other item)
 *        |          -> item-features (keyed by item; + model broadcast) -> item index + topic
 *        '- session items -> retrain-item2vec (parallelism 1; + outside models) -> retrained models
 *                              '-(after each training, same corpus)-> next-item-model.bin (published
 *                                 beside the index: the reason job re-reads it)
 * outside models (features.stream.model) -> model-files (written to features.stream.model-dir)
 * models = references (version, file) to outside + retrained models, broadcast to user-profiles and
 *          item-features, which load each newer file into memory (not into state)
 * </pre>
 *
 * <p>Item vectors come from a model stream ({@link ItemModel}: version + vectors): the models the
 * caller supplies (the deployed job reads one, a backfill's items file, {@code
 * features.stream.model}) and, unless {@code features.stream.retrain.*} disables it, the models
 * {@link RetrainItemModel} trains periodically on a rolling corpus of recent sessions (after each
 * of which, with {@code features.linear-next.enabled}, it also refits the next-item model on the
 * same corpus and publishes it where the reason job reads it). Each model is written once as a file
 * ({@link io.reasonflow.features.stream.ModelFiles}) and only its {@link ModelRef} travels on and
 * is kept in state. A newer model re-projects every profile and re-emits every item. The caller's
 * model stream's watermark takes part in event time: it must be bounded (it then ends with the
 * final watermark) or carry watermarks. Profiles are built after sessions, not in the same
 * operator, because the models come from the sessions: a model input to the sessions operator would
 * be a cycle.
 *
 * <p>The job class only wires: the caller supplies the event source, the model stream and the
 * sinks, so tests run the same graph against a test broker; {@link #main} builds the real ones.
 */
public final class StreamingFeatureJob {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingFeatureJob.class);

  private final Config config;
  private final StreamSettings settings;
  private final EventSchema schema;

  /** The job's outputs. */
  public record Sinks(
      Sink<ItemFeatures> itemIndex,
      Sink<UserProfile> profileStore,
      Sink<ItemFeatures> itemsTopic,
      Sink<UserProfile> profilesTopic,
      Sink<DeadLetter> deadLetterTopic) {
    public Sinks {
      Objects.requireNonNull(itemIndex, "itemIndex");
      Objects.requireNonNull(profileStore, "profileStore");
      Objects.requireNonNull(itemsTopic, "itemsTopic");
      Objects.requireNonNull(profilesTopic, "profilesTopic");
      Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    }
  }

  public StreamingFeatureJob(Config config) {
    this.config = Objects.requireNonNull(config, "config");
    this.settings = StreamSettings.from(config);
    this.schema = EventSchemas.from(config);
  }

  public StreamSettings settings() {
    return settings;
  }

  /**
   * The real sinks: exactly-once index and profile store at {@code indexDir} / {@code
   * profileStore}, each in {@code features.stream.store-shards} shards, and exactly-once Kafka
   * topics as configured. Fails with one line when a store on disk has another shard count.
   */
  public Sinks sinks(Path indexDir, Path profileStore) {
    LuceneItemStore.Factory index =
        LuceneItemStore.Factory.of(indexDir, IndexSettings.from(config), settings.storeShards());
    JsonLinesProfileStore.Factory profiles =
        JsonLinesProfileStore.Factory.of(profileStore, settings.storeShards());
    // on the client, where the error reaches the user as one line; the committers check again
    index.checkLayout();
    profiles.checkLayout();
    return new Sinks(
        new CheckpointCommittedSink<>(index),
        new CheckpointCommittedSink<>(profiles),
        KafkaSinks.exactlyOnce(settings, settings.itemsTopic(), new ItemFeaturesKey(), "items"),
        KafkaSinks.exactlyOnce(
            settings, settings.profilesTopic(), new UserProfileKey(), "profiles"),
        KafkaSinks.exactlyOnce(
            settings, settings.deadLetterTopic(), new DeadLetterKey(), "dead-letters"));
  }

  /**
   * Exactly-once checkpoints at {@code features.stream.checkpoint-interval}: every output commits
   * on them.
   */
  public void configure(StreamExecutionEnvironment env) {
    env.enableCheckpointing(settings.checkpointIntervalMs(), CheckpointingMode.EXACTLY_ONCE);
  }

  /**
   * The events source the deployed job reads: every partition of {@code kafka.events.topic},
   * unbounded.
   */
  public Source<KafkaEvent, ?, ?> unboundedSource() {
    return KafkaEventSources.unbounded(settings, schema);
  }

  /**
   * The events source up to {@code stopAt} (exclusive): replays, and tests that need the job to
   * finish.
   */
  public Source<KafkaEvent, ?, ?> boundedSource(Map<TopicPartition, Long> stopAt) {
    return KafkaEventSources.boundedUntil(settings, schema, stopAt);
  }

  /** Per Kafka partition, in the source: see {@link KafkaEventWatermarks} for why. */
  private KafkaEventWatermarks watermarks() {
    return new KafkaEventWatermarks(
        Duration.ofMillis(settings.features().outOfOrdernessMs()),
        Duration.ofMillis(settings.idlenessMs()));
  }

  /** Wires the job onto the environment of {@code models}. */
  public void wire(Source<KafkaEvent, ?, ?> events, DataStream<ItemModel> models, Sinks sinks) {
    wire(events, models, sinks, null);
  }

  /**
   * As {@link #wire(Source, DataStream, Sinks)}, with {@code tap} (when not null) applied to every
   * event on its way to the sessions: an operator of the caller's, e.g. a fault injector in
   * recovery tests.
   */
  public void wire(
      Source<KafkaEvent, ?, ?> events,
      DataStream<ItemModel> models,
      Sinks sinks,
      MapFunction<StreamEvent, StreamEvent> tap) {
    StreamExecutionEnvironment env = models.getExecutionEnvironment();
    SingleOutputStreamOperator<StreamEvent> parsed =
        env.fromSource(events, watermarks(), "kafka-events")
            .uid("kafka-events")
            .process(new SplitDeadLetters())
            .name("split-dead-letters")
            .uid("split-dead-letters");
    DataStream<DeadLetter> malformed = parsed.getSideOutput(SplitDeadLetters.DEAD_LETTERS);
    DataStream<StreamEvent> tapped =
        tap == null ? parsed : parsed.map(tap).name("event-tap").uid("event-tap");

    SingleOutputStreamOperator<SessionEvents> sessions =
        tapped
            .keyBy(new StreamUserKey())
            .process(new UserSessions(settings))
            .name("user-sessions")
            .uid("user-sessions");
    if (settings.modelDir() == null) {
      throw config.bad(
          "features.stream.model-dir",
          "must name a directory every TaskManager reaches, for the item model files (or set"
              + " features.stream.index-dir: the models then go to <index-dir>-models)");
    }
    // models travel as (version, file): each is written once, and the broadcasts and checkpoints
    // carry only its reference
    DataStream<ModelRef> allModels =
        models
            .map(new PublishModelFile(settings.modelDir()))
            .name("model-files")
            .uid("model-files");
    if (settings.refitNextItem() && settings.nextItem().file() == null) {
      throw config.bad(
          NextItemRefitSettings.FILE_KEY,
          "must name the next-item model file the job refits (or set features.stream.index-dir: the"
              + " model then goes to next-item-model.bin beside it), or set "
              + NextItemRefitSettings.ENABLED_KEY
              + "=false");
    }
    if (settings.retrainEnabled()) {
      // one trainer: skip-gram learns one model from the whole corpus; max parallelism 1 keeps its
      // operator state (corpus, current model's reference) in one piece across rescaling
      SingleOutputStreamOperator<ModelRef> retrained =
          sessions
              .getSideOutput(UserSessions.SESSION_ITEMS)
              .connect(allModels)
              .transform(
                  "retrain-item2vec",
                  TypeInformation.of(ModelRef.class),
                  new RetrainItemModel.Factory(settings))
              .uid("retrain-item2vec")
              .setParallelism(1)
              .setMaxParallelism(1);
      allModels = allModels.union(retrained);
    }
    BroadcastStream<ModelRef> modelsForUsers =
        allModels.broadcast(UserProfiles.MODEL, UserProfiles.LEGACY_MODEL);
    SingleOutputStreamOperator<UserProfile> profiles =
        sessions
            .keyBy(new SessionEventsKey())
            .connect(modelsForUsers)
            .process(new UserProfiles(settings))
            .name("user-profiles")
            .uid("user-profiles");

    SingleOutputStreamOperator<ItemSignal> shoppers =
        sessions
            .getSideOutput(UserSessions.NEW_ITEMS)
            .keyBy(new SelfKey())
            .process(new CountShoppers())
            .name("item-shoppers")
            .uid("item-shoppers");
    SingleOutputStreamOperator<ItemSignal> pairSides =
        sessions
            .getSideOutput(UserSessions.NEW_PAIRS)
            .keyBy(new SelfKey())
            .process(new CountPairs(settings.stateTtlMs()))
            .name("coview-pairs")
            .uid("coview-pairs");
    // shopper counts joined by key, not broadcast: each pair side picks up its item's count and
    // travels on to the other item
    SingleOutputStreamOperator<ItemSignal> attached =
        shoppers
            .union(pairSides)
            .keyBy(new ItemSignalKey())
            .process(new AttachShoppers(settings))
            .name("attach-shoppers")
            .uid("attach-shoppers");
    SingleOutputStreamOperator<ItemFeatures> items =
        attached
            .keyBy(new ItemSignalKey())
            .connect(
                allModels.broadcast(
                    BuildItemFeatures.MODEL,
                    BuildItemFeatures.LEGACY_MODEL,
                    BuildItemFeatures.LEGACY_SHOPPERS))
            .process(new BuildItemFeatures(settings))
            .name("item-features")
            .uid("item-features");

    // one subtask per store shard; each sink routes its records to the subtask owning their shard
    items
        .sinkTo(sinks.itemIndex())
        .name("item-index")
        .uid("item-index")
        .setParallelism(settings.storeShards());
    items.sinkTo(sinks.itemsTopic()).name("items-topic").uid("items-topic");
    profiles
        .sinkTo(sinks.profileStore())
        .name("profile-store")
        .uid("profile-store")
        .setParallelism(settings.storeShards());
    profiles.sinkTo(sinks.profilesTopic()).name("profiles-topic").uid("profiles-topic");
    malformed
        .union(sessions.getSideOutput(UserSessions.LATE))
        .sinkTo(sinks.deadLetterTopic())
        .name("dead-letter-topic")
        .uid("dead-letter-topic");
  }

  /**
   * Builds the job on {@code env} and runs it until cancelled (the entry points' stream mode:
   * {@code FeatureJobMain --mode stream} on a cluster, {@code ./reasonflow stream} locally). Needs
   * {@code features.stream.index-dir}, {@code features.stream.profile-store} and {@code
   * features.stream.model} (paths every task manager can reach; the model is the initial one,
   * retraining builds on it; model files go to {@code features.stream.model-dir}, by default beside
   * the index) and the {@code kafka.*} keys.
   */
  public static void submit(Config config, StreamExecutionEnvironment env) throws Exception {
    StreamingFeatureJob job = new StreamingFeatureJob(config);
    StreamSettings s = job.settings();
    if (s.profileStore() == null) {
      throw config.bad(
          "features.stream.profile-store",
          "must name the profile store the job writes (a file, or with features.stream.store-shards"
              + " above 1 a directory of shard files)");
    }
    if (s.model() == null) {
      throw config.bad(
          "features.stream.model", "must name a backfill's items.jsonl.gz (the item vectors)");
    }
    job.configure(env);
    ItemModel model = ItemModel.read(Path.of(s.model()));
    job.wire(
        job.unboundedSource(),
        env.fromData(model).name("item-model").uid("item-model"),
        job.sinks(s.indexPath(config), Path.of(s.profileStore())));
    LOG.info("streaming: {}; model {}", s.describe(), model);
    env.execute("reasonflow-features-stream");
  }
}
