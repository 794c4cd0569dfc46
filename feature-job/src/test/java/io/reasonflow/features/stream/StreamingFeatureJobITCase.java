package io.reasonflow.features.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.io.DeadLetter;
import io.reasonflow.common.io.DeadLetterReason;
import io.reasonflow.common.model.CoView;
import io.reasonflow.common.model.Event;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.features.SharedData;
import io.reasonflow.features.StreamingFeatureJob;
import io.reasonflow.features.core.CoViews;
import io.reasonflow.features.core.FeatureSettings;
import io.reasonflow.features.core.Item2Vec;
import io.reasonflow.features.core.Profiles;
import io.reasonflow.features.core.UserHistory;
import io.reasonflow.features.sinks.JsonLinesProfileStore;
import io.reasonflow.index.ShardLayout;
import io.reasonflow.index.ShardRouter;
import io.reasonflow.index.search.ItemSearcher;
import io.reasonflow.testing.KafkaBroker;
import io.reasonflow.testing.KafkaBrokerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming job end to end against a real KRaft broker, a MiniCluster and Lucene on disk, over
 * the first clicks of the YOOCHOOSE sample (a click session stands in for a shopper). The expected
 * figures are recomputed with the batch definitions ({@link UserHistory}, {@link CoViews}, {@link
 * Profiles}) from the same events.
 *
 * <p>Partitions run apart in event time, as real ones do: the shoppers of partitions 0 and 1 act
 * {@link #AHEAD_MS} later than those of 2 and 3, far more than the out-of-orderness bound, and each
 * of the two source subtasks reads one partition that is ahead and one that is behind (the Kafka
 * source gives subtask {@code (start + p) % 2} partition {@code p}). Only per-partition watermarks
 * keep the partitions that are behind from being late.
 */
class StreamingFeatureJobITCase {
  /**
   * Broker data under target/ (other builds on this machine clean up stale temp directories of
   * brokers), deleted when the class ends.
   */
  /** The broker this module's streaming ITCases share (topics named per run; none restarts it). */
  @RegisterExtension
  static final KafkaBrokerExtension KAFKA =
      KafkaBrokerExtension.sharedPerJvm(
          () -> KafkaBroker.builder().tempDirUnder(Path.of("target")));

  @TempDir static Path dir;

  static final int PARTITIONS = 4;
  static final int PARALLELISM = 2;
  static final int SAMPLE_LINES = 2500;

  /**
   * How much later than the sample the shoppers of the partitions below {@link #FIRST_BEHIND} act.
   */
  static final long AHEAD_MS = Duration.ofDays(30).toMillis();

  static final int FIRST_BEHIND = 2;

  /** Events per partition, in event-time order: within its partition, no event is late. */
  static List<List<Event>> sample;

  static ItemModel model;
  static Map<String, List<Event>> byUser;

  @BeforeAll
  static void readSampleAndTrainModel() throws Exception {
    List<Event> events =
        SharedData.yoochooseClicks(SAMPLE_LINES).stream()
            .map(StreamingFeatureJobITCase::shiftIfAhead)
            .toList();
    sample = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      sample.add(new ArrayList<>());
    }
    byUser = new TreeMap<>();
    for (Event e : events) {
      sample.get(partition(e.userId())).add(e);
      byUser.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e);
    }
    // a tiny real item2vec model (DL4J) over the sample's sessions: the initial model broadcast to
    // the job
    FeatureSettings fs = FeatureSettings.from(config("unused"));
    List<List<String>> sequences = new ArrayList<>();
    byUser.forEach(
        (u, evs) ->
            sequences.addAll(
                UserHistory.of(u, evs, fs.sessionGapMs(), fs.sessionMaxItems())
                    .sequences(FeatureSettings.SequenceMode.USER)));
    Item2Vec.Result trained = Item2Vec.train(sequences, fs, line -> {});
    List<ItemFeatures> vectors = new ArrayList<>();
    trained
        .vectors()
        .forEach(
            (id, v) ->
                vectors.add(
                    new ItemFeatures(
                        io.reasonflow.common.model.Item.ofTitle(id, "title " + id),
                        v,
                        7L,
                        ItemFeatures.VectorSource.BEHAVIOUR,
                        0,
                        List.of())));
    model = ItemModel.of(7L, vectors);
    assertThat(model.vectors())
        .hasSize((int) events.stream().map(Event::itemId).distinct().count());
  }

  static int partition(String user) {
    return Math.floorMod(user.hashCode(), PARTITIONS);
  }

  static Event shiftIfAhead(Event e) {
    return partition(e.userId()) >= FIRST_BEHIND
        ? e
        : new Event(e.userId(), e.itemId(), e.type(), e.eventTimeMs() + AHEAD_MS, e.sessionId());
  }

  static Config config(String run) {
    return config(run, 1);
  }

  /** With the stores in {@code storeShards} shards. */
  static Config config(String run, int storeShards) {
    Map<String, String> m = new HashMap<>();
    m.put("features.stream.store-shards", Integer.toString(storeShards));
    m.put("features.item2vec.dim", "8");
    m.put("features.item2vec.epochs", "2");
    m.put("features.item2vec.window", "2");
    m.put("features.item2vec.subsampling", "0");
    m.put("features.coview.top-n", "0"); // every neighbour, so counts compare whole
    m.put("features.watermark.out-of-orderness", "1h");
    // longer than any wait of the tests: a partition waiting for its records must hold the
    // watermark back
    m.put("features.watermark.idleness", "10m");
    m.put("features.stream.checkpoint-interval", "300ms");
    m.put("kafka.events.topic", "events-" + run);
    m.put("kafka.group-id", "features-" + run);
    m.put("kafka.starting-offsets", "earliest");
    m.put("kafka.dead-letter.topic", "dead-" + run);
    m.put("kafka.items.topic", "items-" + run);
    m.put("kafka.profiles.topic", "profiles-" + run);
    m.put("kafka.transactional-id-prefix", "rf-" + run);
    m.put("features.stream.model-dir", dir.resolve("models-" + run).toString());
    m.put("kafka.transaction-timeout", "1m");
    m.put("input.columns.session", "");
    if (!run.equals("unused")) {
      m.put("kafka.bootstrap-servers", KAFKA.bootstrapServers());
    }
    return Config.load(null, m);
  }

  static String json(Event e) {
    return "{\"user_id\":\""
        + e.userId()
        + "\",\"item_id\":\""
        + e.itemId()
        + "\",\"ts\":"
        + e.eventTimeMs()
        + ",\"type\":\"view\"}";
  }

  /** A record to produce to an explicit partition. */
  record Rec(int partition, String key, String value) {}

  /**
   * Sends all, then waits for all, each partition's records in order. One request in flight: with
   * more, a retried first batch of a topic just created (its leader not yet known everywhere) has
   * left the idempotent producer retrying the batches behind it on OUT_OF_ORDER_SEQUENCE_NUMBER
   * until it timed out.
   */
  static void produce(String topic, List<Rec> recs) throws Exception {
    try (KafkaProducer<String, String> p =
        KAFKA
            .broker()
            .newProducer(Map.of(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1))) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (Rec r : recs) {
        sent.add(p.send(new ProducerRecord<>(topic, r.partition(), r.key(), r.value())));
      }
      for (Future<RecordMetadata> f : sent) {
        f.get(30, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * The sample as records, each partition's events in time order, every 50th event sent twice (a
   * duplicate).
   */
  static List<Rec> sampleRecords() {
    return sampleRecords(0, PARTITIONS);
  }

  /** {@link #sampleRecords()} of partitions {@code from} (inclusive) to {@code to} (exclusive). */
  static List<Rec> sampleRecords(int from, int to) {
    List<Rec> out = new ArrayList<>();
    for (int p = from; p < to; p++) {
      int i = 0;
      for (Event e : sample.get(p)) {
        out.add(new Rec(p, e.userId(), json(e)));
        if (++i % 50 == 0) {
          out.add(new Rec(p, e.userId(), json(e)));
        }
      }
    }
    return out;
  }

  static Map<TopicPartition, Long> ends(String topic, List<Rec> recs) {
    Map<TopicPartition, Long> end = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      end.put(new TopicPartition(topic, p), 0L);
    }
    recs.forEach(r -> end.merge(new TopicPartition(topic, r.partition()), 1L, Long::sum));
    return end;
  }

  static JobClient start(
      Config config,
      Path out,
      Map<TopicPartition, Long> stopAt,
      MapFunction<StreamEvent, StreamEvent> tap)
      throws Exception {
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM, conf);
    StreamingFeatureJob job = new StreamingFeatureJob(config);
    job.configure(env);
    job.wire(
        job.boundedSource(stopAt),
        env.fromData(model).name("item-model").uid("item-model"),
        job.sinks(out.resolve("index"), out.resolve("profiles.jsonl.gz")),
        tap);
    return env.executeAsync("streaming-features-test");
  }

  // ------------------------------------------------------------------------------------------
  // expectations

  static Map<String, Integer> expectedShoppers() {
    Map<String, Integer> m = new HashMap<>();
    byUser.forEach(
        (u, evs) ->
            evs.stream().map(Event::itemId).distinct().forEach(i -> m.merge(i, 1, Integer::sum)));
    return m;
  }

  static Map<String, Integer> expectedPairs(FeatureSettings fs) {
    Map<String, Integer> m = new HashMap<>();
    byUser.forEach(
        (u, evs) ->
            CoViews.userPairs(UserHistory.of(u, evs, fs.sessionGapMs(), fs.sessionMaxItems()))
                .forEach(p -> m.merge(p, 1, Integer::sum)));
    return m;
  }

  /**
   * item -> (neighbour -> count) and item -> shoppers, as the index holds them; and each item whole
   * but for its co-view scores (which can use a neighbour's shopper count from before its last
   * change, depending on what arrived first: docs/scaling.md), its neighbours in id order.
   */
  record IndexFigures(
      Map<String, Integer> shoppers,
      Map<String, Map<String, Integer>> neighbours,
      Map<String, ItemFeatures> items,
      Map<String, String> commitData) {}

  static IndexFigures readIndex(Path indexDir) {
    Map<String, Integer> shoppers = new TreeMap<>();
    Map<String, Map<String, Integer>> neighbours = new TreeMap<>();
    Map<String, ItemFeatures> items = new TreeMap<>();
    try (ItemSearcher s = ItemSearcher.open(indexDir)) {
      for (String id : model.vectors().keySet()) {
        s.get(id)
            .ifPresent(
                f -> {
                  items.put(
                      id,
                      new ItemFeatures(
                          f.item(),
                          f.vector(),
                          f.modelVersion(),
                          f.vectorSource(),
                          f.shoppers(),
                          f.coViews().stream()
                              .map(c -> new CoView(c.itemId(), c.count(), 0))
                              .sorted(java.util.Comparator.comparing(CoView::itemId))
                              .toList()));
                  shoppers.put(id, f.shoppers());
                  Map<String, Integer> n = new TreeMap<>();
                  for (CoView c : f.coViews()) {
                    n.put(c.itemId(), c.count());
                  }
                  neighbours.put(id, n);
                  assertThat(f.modelVersion()).isEqualTo(7L);
                  assertThat(f.item().title()).isEqualTo("title " + id);
                });
      }
      return new IndexFigures(shoppers, neighbours, items, s.commitUserData());
    }
  }

  static Map<String, UserProfile> readProfiles(Path out) {
    Map<String, UserProfile> m = new TreeMap<>();
    JsonLines.forEach(
        out.resolve("profiles.jsonl.gz"), UserProfile.class, p -> m.put(p.userId(), p));
    return m;
  }

  static void assertMatchesBatchDefinitions(
      IndexFigures index, Map<String, UserProfile> profiles, FeatureSettings fs) {
    Map<String, Integer> shoppers = expectedShoppers();
    assertThat(index.shoppers()).isEqualTo(new TreeMap<>(shoppers));
    Map<String, Map<String, Integer>> neighbours = new TreeMap<>();
    shoppers.keySet().forEach(i -> neighbours.put(i, new TreeMap<>()));
    expectedPairs(fs)
        .forEach(
            (pair, count) -> {
              String[] ab = pair.split("\t");
              neighbours.get(ab[0]).put(ab[1], count);
              neighbours.get(ab[1]).put(ab[0], count);
            });
    assertThat(index.neighbours()).isEqualTo(neighbours);
    assertThat(neighbours.values().stream().mapToInt(Map::size).sum())
        .as("the sample has co-views")
        .isPositive();

    assertThat(profiles.keySet()).isEqualTo(byUser.keySet());
    byUser.forEach(
        (u, evs) -> {
          UserProfile expected =
              Profiles.build(
                  UserHistory.of(u, evs, fs.sessionGapMs(), fs.sessionMaxItems()),
                  model.vectors()::get,
                  model.dim(),
                  model.version(),
                  fs.recentItems(),
                  fs.halfLifeMs());
          assertThat(profiles.get(u)).as("profile of %s", u).isEqualTo(expected);
        });
  }

  // ------------------------------------------------------------------------------------------
  // tests

  /**
   * Phase 1 (malformed records and the partitions that are ahead) is read and checkpointed before
   * phase 2 (the partitions that are behind) is even produced: a watermark over all partitions a
   * subtask reads would by then be a month past phase 2, making all of it late. Phase 3, once
   * sessions have closed, is late within its own partition, and only it may be dead-lettered as
   * late.
   */
  @Test
  void consumesEventsDeadLettersMalformedAndLateOnesAndFillsIndexAndProfiles() throws Exception {
    String run = "main";
    Config config = config(run);
    String topic = "events-" + run;
    KafkaBroker kafka = KAFKA.broker();
    kafka.createTopic(topic, PARTITIONS);
    List<Rec> malformed =
        List.of(
            new Rec(0, "m", "{\"user_id\":\"m1\",\"item_id\":\"x\""),
            new Rec(0, "m", "{\"user_id\":\"m2\",\"ts\":1396437466}"),
            new Rec(0, "m", "{\"user_id\":\"m3\",\"item_id\":\"x\",\"ts\":\"yesterday\"}"),
            new Rec(
                0,
                "m",
                "{\"user_id\":\"m4\",\"item_id\":\"x\",\"ts\":1396437466,\"type\":\"teleport\"}"),
            new Rec(0, "m", "[1,2]"),
            new Rec(0, "m", ""));
    List<Rec> phase1 = new ArrayList<>(malformed);
    phase1.addAll(sampleRecords(0, FIRST_BEHIND));
    List<Rec> phase2 = sampleRecords(FIRST_BEHIND, PARTITIONS);
    // events a day older than anything in their partition, so surely late once sessions have closed
    // there
    int latePartition = FIRST_BEHIND;
    Event first = sample.get(latePartition).getFirst();
    List<Rec> phase3 =
        List.of(
            new Rec(
                latePartition,
                first.userId(),
                json(
                    new Event(
                        first.userId(),
                        "late-1",
                        EventType.VIEW,
                        first.eventTimeMs() - 86_400_000L))),
            new Rec(
                latePartition,
                first.userId(),
                json(
                    new Event(
                        first.userId(),
                        "late-2",
                        EventType.VIEW,
                        first.eventTimeMs() - 86_400_000L))));
    List<Rec> all = new ArrayList<>(phase1);
    all.addAll(phase2);
    all.addAll(phase3);

    Path out = dir.resolve(run);
    long t0 = System.nanoTime();
    produce(topic, phase1);
    JobClient job = start(config, out, ends(topic, all), null);
    awaitCheckpointedOffsets("features-" + run, ends(topic, phase1), Duration.ofSeconds(60));
    produce(topic, phase2);
    // a committed profile means a session closed: the watermark is past phase 2's first events
    kafka.awaitValues("profiles-" + run, 1, Duration.ofSeconds(60));
    produce(topic, phase3);
    job.getJobExecutionResult().get(90, TimeUnit.SECONDS);
    System.err.printf("[test] streaming run: %.1f s%n", (System.nanoTime() - t0) / 1e9);

    List<ConsumerRecord<String, String>> dead =
        kafka.consumeAllRecords("dead-" + run, Duration.ofSeconds(20));
    List<DeadLetter> letters = new ArrayList<>();
    for (ConsumerRecord<String, String> r : dead) {
      letters.add(JsonLines.MAPPER.readValue(r.value(), DeadLetter.class));
    }
    assertThat(letters)
        .filteredOn(d -> d.reason() != DeadLetterReason.LATE_EVENT)
        .extracting(DeadLetter::reason, DeadLetter::source, DeadLetter::position)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                DeadLetterReason.MALFORMED_JSON, "kafka:" + topic + "/0", 0L),
            org.assertj.core.groups.Tuple.tuple(
                DeadLetterReason.MISSING_FIELD, "kafka:" + topic + "/0", 1L),
            org.assertj.core.groups.Tuple.tuple(
                DeadLetterReason.BAD_TIMESTAMP, "kafka:" + topic + "/0", 2L),
            org.assertj.core.groups.Tuple.tuple(
                DeadLetterReason.BAD_EVENT_TYPE, "kafka:" + topic + "/0", 3L),
            org.assertj.core.groups.Tuple.tuple(
                DeadLetterReason.MALFORMED_JSON, "kafka:" + topic + "/0", 4L),
            org.assertj.core.groups.Tuple.tuple(
                DeadLetterReason.EMPTY_LINE, "kafka:" + topic + "/0", 5L));
    long lateAt = ends(topic, phase2).get(new TopicPartition(topic, latePartition));
    String lateSource = "kafka:" + topic + "/" + latePartition;
    assertThat(letters)
        .filteredOn(d -> d.reason() == DeadLetterReason.LATE_EVENT)
        .extracting(DeadLetter::source, DeadLetter::position)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(lateSource, lateAt),
            org.assertj.core.groups.Tuple.tuple(lateSource, lateAt + 1));
    assertThat(letters)
        .filteredOn(d -> d.reason() == DeadLetterReason.LATE_EVENT)
        .allSatisfy(d -> assertThat(d.raw()).contains("late-"));

    FeatureSettings fs = FeatureSettings.from(config);
    IndexFigures index = readIndex(out.resolve("index"));
    Map<String, UserProfile> profiles = readProfiles(out);
    // late and duplicate events changed nothing: the figures are those of the sample alone
    assertMatchesBatchDefinitions(index, profiles, fs);
    assertThat(index.commitData()).containsKeys("checkpointId", "flinkJobId", "modelVersion");
    assertThat(index.commitData().get("flinkJobId")).isEqualTo(job.getJobID().toString());
    assertThat(JsonLinesProfileStore.open(out.resolve("profiles.jsonl.gz")).lastCommitData())
        .containsEntry("flinkJobId", job.getJobID().toString());

    // the Kafka outputs carry the same final state (latest record per key). Transaction markers can
    // trail the job's end by a moment (read_committed would then miss the last commit), so read
    // until the topic holds the index's keys, or give up after 30 s and compare what is there.
    Map<String, ItemFeatures> itemsTopic =
        latestByKey(
            "items-" + run, ItemFeatures.class, ItemFeatures::id, index.shoppers().keySet());
    assertThat(itemsTopic.keySet()).isEqualTo(index.shoppers().keySet());
    itemsTopic.forEach((id, f) -> assertThat(f.shoppers()).isEqualTo(index.shoppers().get(id)));
    Map<String, UserProfile> profilesTopic =
        latestByKey("profiles-" + run, UserProfile.class, UserProfile::userId, profiles.keySet());
    assertThat(profilesTopic).isEqualTo(profiles);
  }

  /**
   * Waits until the job's consumer group has committed (on a checkpoint) at least the given
   * offsets.
   */
  static void awaitCheckpointedOffsets(
      String group, Map<TopicPartition, Long> offsets, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = KAFKA.broker().admin()) {
      while (!committedAtLeast(
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS),
          offsets)) {
        assertThat(System.nanoTime())
            .as("offsets %s of group %s checkpointed within %s", offsets, group, timeout)
            .isLessThan(deadline);
        Thread.sleep(200);
      }
    }
  }

  static boolean committedAtLeast(
      Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> offsets) {
    return offsets.entrySet().stream()
        .allMatch(
            e ->
                e.getValue() == 0
                    || committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue());
  }

  /**
   * The latest record per key on {@code topic}, polled until its keys are {@code expected} (30 s at
   * most).
   */
  private <T> Map<String, T> latestByKey(
      String topic,
      Class<T> type,
      java.util.function.Function<T, String> key,
      java.util.Set<String> expected)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      Map<String, T> latest = new HashMap<>();
      for (String v : KAFKA.broker().consumeAll(topic, Duration.ofSeconds(10))) {
        T t = JsonLines.MAPPER.readValue(v, type);
        latest.put(key.apply(t), t);
      }
      if (latest.keySet().equals(expected) || System.nanoTime() > deadline) {
        return latest;
      }
      Thread.sleep(500);
    }
  }

  /**
   * The failing run also writes its stores in two shards ({@code features.stream.store-shards}),
   * restored shard by shard after the failure: it must end with exactly the items and profiles of
   * the clean run's one index and one profile file, each item and profile in the shard that owns
   * it.
   */
  @Test
  void failureAfterACheckpointRestoresAndEndsWithTheSameFiguresAsARunWithoutFailure()
      throws Exception {
    FeatureSettings fs = FeatureSettings.from(config("unused"));
    Map<String, IndexFigures> index = new HashMap<>();
    Map<String, Map<String, UserProfile>> profiles = new HashMap<>();
    Map<String, JobClient> jobs = new HashMap<>();
    for (String run : List.of("clean", "failing")) {
      Config config = config(run, run.equals("failing") ? 2 : 1);
      String topic = "events-" + run;
      KAFKA.broker().createTopic(topic, PARTITIONS);
      List<Rec> recs = sampleRecords();
      produce(topic, recs);
      Path out = dir.resolve(run);
      long t0 = System.nanoTime();
      JobClient job =
          start(
              config,
              out,
              ends(topic, recs),
              run.equals("failing") ? new FailOnceAfterCheckpoint(100) : null);
      job.getJobExecutionResult().get(90, TimeUnit.SECONDS);
      System.err.printf("[test] %s run: %.1f s%n", run, (System.nanoTime() - t0) / 1e9);
      jobs.put(run, job);
      index.put(run, readIndex(out.resolve("index")));
      profiles.put(run, readProfiles(out));
    }
    assertThat(FailOnceAfterCheckpoint.FAILED).isTrue();
    assertThat(FailOnceAfterCheckpoint.FAILED_AFTER_CHECKPOINT.get()).isPositive();
    assertThat(index.get("failing").shoppers()).isEqualTo(index.get("clean").shoppers());
    assertThat(index.get("failing").neighbours()).isEqualTo(index.get("clean").neighbours());
    assertThat(index.get("failing").items()).isEqualTo(index.get("clean").items());
    assertThat(profiles.get("failing")).isEqualTo(profiles.get("clean"));
    assertMatchesBatchDefinitions(index.get("failing"), profiles.get("failing"), fs);
    assertShardedStores(dir.resolve("failing"), 2, jobs.get("failing"), index.get("failing"));
  }

  /**
   * The stores under {@code out} are {@code shards}-shard ones: every item and profile in the shard
   * {@link ShardRouter} gives it, and the index's commit data (the least advanced shard's) of the
   * job.
   */
  static void assertShardedStores(Path out, int shards, JobClient job, IndexFigures index) {
    ShardLayout layout = ShardLayout.read(out.resolve("index"));
    assertThat(layout.shards()).isEqualTo(shards);
    int items = 0;
    for (int i = 0; i < shards; i++) {
      try (ItemSearcher shard = ItemSearcher.open(layout.shardDir(i))) {
        items += shard.size();
        for (String id : index.items().keySet()) {
          assertThat(shard.get(id).isPresent())
              .as("item %s in shard %d", id, i)
              .isEqualTo(ShardRouter.shardOf(id, shards) == i);
        }
      }
    }
    assertThat(items).as("no item in two shards").isEqualTo(index.items().size());
    assertThat(index.commitData())
        .containsEntry("flinkJobId", job.getJobID().toString())
        .containsEntry("modelVersion", "7")
        .containsKey("checkpointId");
    Path store = out.resolve("profiles.jsonl.gz");
    for (int i = 0; i < shards; i++) {
      int shard = i;
      JsonLines.forEach(
          store.resolve(String.format(java.util.Locale.ROOT, "shard-%02d.jsonl.gz", i)),
          UserProfile.class,
          p ->
              assertThat(ShardRouter.shardOf(p.userId(), shards))
                  .as("shard of %s", p.userId())
                  .isEqualTo(shard));
    }
  }
}
