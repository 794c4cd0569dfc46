package io.reasonflow.features;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.config.EventSchemas;
import io.reasonflow.common.io.DeadLetter;
import io.reasonflow.common.io.EventLineParser;
import io.reasonflow.common.io.EventSchema;
import io.reasonflow.common.io.InputFiles;
import io.reasonflow.common.io.ItemFileReader;
import io.reasonflow.common.io.LineReader;
import io.reasonflow.common.io.RawLine;
import io.reasonflow.common.io.ReadStats;
import io.reasonflow.common.io.RecordFormat;
import io.reasonflow.common.model.CoView;
import io.reasonflow.common.model.Event;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.features.core.CoViews;
import io.reasonflow.features.core.ContentVectors;
import io.reasonflow.features.core.FeatureSettings;
import io.reasonflow.features.core.UserHistory;
import io.reasonflow.features.flink.BuildProfiles;
import io.reasonflow.features.flink.BuildUserHistory;
import io.reasonflow.features.flink.EventTimeAssigner;
import io.reasonflow.features.flink.HistoryKey;
import io.reasonflow.features.flink.ItemFact;
import io.reasonflow.features.flink.JsonLinesSink;
import io.reasonflow.features.flink.ParseEvents;
import io.reasonflow.features.flink.RawLineFormat;
import io.reasonflow.features.flink.SumCounts;
import io.reasonflow.features.flink.SumKey;
import io.reasonflow.features.flink.TrainItem2Vec;
import io.reasonflow.features.flink.UserItems;
import io.reasonflow.features.flink.UserKey;
import io.reasonflow.features.flink.UserPairs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The backfill: historical event files in, every output of {@link FeatureLayout} out. One Flink job in BATCH mode
 * reads and parses the files (rejects to dead-letters.jsonl.gz), builds each shopper's de-duplicated, sessionised
 * history, counts co-view pairs and item shoppers, trains item2vec once over all sequences, and writes user profiles.
 * Pair counts, shopper counts and vectors (a few per item) come back to the client, which joins them with the
 * catalogue into items.jsonl.gz and coviews.tsv.gz. Definitions of every figure: {@link UserHistory},
 * {@link CoViews}, {@link io.reasonflow.features.core.Profiles}.
 *
 * <p>Model version: the run's start time in epoch milliseconds, so every backfill's vectors are told apart and later
 * runs sort after earlier ones.
 */
public final class FeatureJob {
  public static final int PARALLELISM = 2;
  private final Config config;
  private final FeatureSettings settings;
  private final EventSchema schema;

  public FeatureJob(Config config) {
    this.config = Objects.requireNonNull(config, "config");
    this.settings = FeatureSettings.from(config);
    this.schema = EventSchemas.from(config);
  }

  public Config config() {
    return config;
  }

  public FeatureRunSummary runBatch(Path events, Path items, Path out) {
    long start = System.currentTimeMillis();
    long modelVersion = start;
    List<Path> files = InputFiles.list(events);
    checkHeaders(files);
    FeatureLayout layout = new FeatureLayout(out);
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UserError("cannot create output directory " + out + ": " + e.getMessage(), e);
    }
    Map<String, Item> catalogue = readCatalogue(items);
    log("input: %d event file(s) under %s; catalogue: %,d items", files.size(), events, catalogue.size());

    Configuration conf = new Configuration();
    conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM, conf);
    FileSource<RawLine> source = FileSource.forBulkFileFormat(new RawLineFormat(),
        files.stream().map(p -> new org.apache.flink.core.fs.Path(p.toUri())).toArray(org.apache.flink.core.fs.Path[]::new))
        .build();
    DataStream<RawLine> lines = env.fromSource(source, WatermarkStrategy.noWatermarks(), "event-files");
    Path factsFile = out.resolve(".item-facts.jsonl.gz");
    wire(lines, settings, schema, layout, modelVersion, factsFile);

    JobExecutionResult result;
    long jobStart = System.currentTimeMillis();
    try {
      result = env.execute("reasonflow-features-batch");
    } catch (Exception e) {
      throw unwrap(e);
    }
    Map<String, Integer> pairCounts = new HashMap<>();
    Map<String, Integer> shoppers = new HashMap<>();
    Map<String, float[]> vectors = new HashMap<>();
    JsonLines.forEach(factsFile, ItemFact.class, f -> {
      switch (f.kind()) {
        case PAIR -> pairCounts.put(f.key(), Math.toIntExact(f.count()));
        case SHOPPERS -> shoppers.put(f.key(), Math.toIntExact(f.count()));
        case VECTOR -> vectors.put(f.key(), f.vector());
      }
    });
    try {
      Files.deleteIfExists(factsFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long jobMillis = System.currentTimeMillis() - jobStart;
    long kept = counter(result, BuildUserHistory.EVENTS_KEPT);
    long dead = counter(result, ParseEvents.DEAD_LETTER_COUNTER);
    long dups = counter(result, BuildUserHistory.DUPLICATES);
    long users = counter(result, BuildUserHistory.USERS);
    long sessions = counter(result, BuildUserHistory.SESSIONS);
    long trainMillis = counter(result, TrainItem2Vec.TRAIN_MILLIS);
    log("flink job: %.1f s; %,d events kept, %,d exact duplicates dropped, %,d dead letters, %,d users, %,d sessions",
        jobMillis / 1000.0, kept, dups, dead, users, sessions);

    long t = System.currentTimeMillis();
    CoViewTable.write(layout.coViews(), pairCounts);
    Map<String, List<CoView>> neighbours = CoViews.neighbours(pairCounts, shoppers, settings.coViewTopN());
    long written = writeItems(layout, catalogue, shoppers, vectors, neighbours, modelVersion);
    log("items: %,d with a vector written, %,d co-view pairs; %.1f s", written, pairCounts.size(),
        (System.currentTimeMillis() - t) / 1000.0);

    FeatureRunSummary summary = new FeatureRunSummary(kept, dead, users, written, sessions, pairCounts.size(),
        modelVersion, trainMillis, System.currentTimeMillis() - start);
    try {
      JsonLines.MAPPER.writerWithDefaultPrettyPrinter().writeValue(layout.summary().toFile(), summary);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + layout.summary(), e);
    }
    log("done in %.1f s (item2vec %.1f s) -> %s", summary.totalMillis() / 1000.0, trainMillis / 1000.0, out);
    return summary;
  }

  /**
   * Wires the pipeline onto {@code lines} (raw lines of event files, TSV/CSV headers included). Dead letters and
   * profiles go to their files; pair counts, shopper counts and item vectors go to {@code factsFile} (JSON lines
   * of {@link ItemFact}) for the client to join with the catalogue. (A file rather than collecting to the client:
   * a local environment's collect sink can lose its last results when the mini cluster shuts down first.)
   */
  public static void wire(DataStream<RawLine> lines, FeatureSettings s, EventSchema schema,
      FeatureLayout layout, long modelVersion, Path factsFile) {
    wireFacts(lines, s, schema, layout, modelVersion)
        .sinkTo(new JsonLinesSink<ItemFact>(factsFile)).name("item-facts-file").setParallelism(1);
  }

  /**
   * {@link #wire} without the facts file: returns the stream of pair counts, shopper counts and vectors, so a job
   * that cannot read results back on its client (a detached submission, {@link FeatureJobMain}) joins them in the
   * job itself.
   */
  public static DataStream<ItemFact> wireFacts(DataStream<RawLine> lines, FeatureSettings s, EventSchema schema,
      FeatureLayout layout, long modelVersion) {
    SingleOutputStreamOperator<Event> parsed = lines.process(new ParseEvents(schema))
        .name("parse-events").uid("parse-events");
    parsed.getSideOutput(ParseEvents.DEAD_LETTERS)
        .sinkTo(new JsonLinesSink<DeadLetter>(layout.deadLetters())).name("dead-letter-file").setParallelism(1);

    DataStream<UserHistory> histories = parsed
        .assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forBoundedOutOfOrderness(
                Duration.ofMillis(s.outOfOrdernessMs()))
            .withTimestampAssigner(new EventTimeAssigner()))
        .name("event-time")
        .keyBy(new UserKey())
        .process(new BuildUserHistory(s.sessionGapMs(), s.sessionMaxItems()))
        .name("user-history").uid("user-history");

    DataStream<ItemFact> pairs = histories.flatMap(new UserPairs()).name("user-coview-pairs")
        .keyBy(new SumKey()).reduce(new SumCounts()).name("coview-pair-counts");
    DataStream<ItemFact> itemShoppers = histories.flatMap(new UserItems()).name("user-items")
        .keyBy(new SumKey()).reduce(new SumCounts()).name("item-shopper-counts");
    DataStream<ItemFact> vectors = histories
        .transform("train-item2vec", TypeInformation.of(ItemFact.class), new TrainItem2Vec(s))
        .setParallelism(1);

    BroadcastStream<ItemFact> broadcastVectors = vectors.broadcast(BuildProfiles.VECTORS);
    histories.keyBy(new HistoryKey())
        .connect(broadcastVectors)
        .process(new BuildProfiles(s.dim(), modelVersion, s.recentItems(), s.halfLifeMs()))
        .name("user-profiles")
        .sinkTo(new JsonLinesSink<UserProfile>(layout.profiles())).name("profile-file").setParallelism(1);

    return pairs.union(itemShoppers, vectors);
  }

  /**
   * Joins the job's facts with the catalogue into items.jsonl.gz. Items item2vec learned are written with their
   * behaviour vector; items it did not (below {@code features.item2vec.min-count}, or catalogue items with no events
   * yet) get a title-based {@link ContentVectors content vector} instead, so a new product is searchable from its
   * first day. An item with neither (no usable title words) is left out of the index and counted in the log.
   */
  long writeItems(FeatureLayout layout, Map<String, Item> catalogue, Map<String, Integer> shoppers,
      Map<String, float[]> vectors, Map<String, List<CoView>> neighbours, long modelVersion) {
    java.util.SortedSet<String> ids = new java.util.TreeSet<>(shoppers.keySet());
    ids.addAll(catalogue.keySet());
    List<String> cold = ids.stream().filter(id -> !vectors.containsKey(id)).toList();
    ContentVectors content = null;
    if (!cold.isEmpty() && !vectors.isEmpty()) {
      Map<String, String> titles = new HashMap<>();
      catalogue.forEach((id, item) -> titles.put(id, item.title()));
      content = ContentVectors.fit(titles, vectors, ContentVectors.Settings.from(config), FeatureJob::log)
          .orElse(null);
    }
    long behaviour = 0;
    long fromTitle = 0;
    List<String> withoutVector = new ArrayList<>();
    try (JsonLines.Writer<ItemFeatures> w = JsonLines.writer(layout.items())) {
      for (String id : ids) {
        Item item = catalogue.getOrDefault(id, Item.ofTitle(id, ""));
        float[] v = vectors.get(id);
        ItemFeatures.VectorSource source = ItemFeatures.VectorSource.BEHAVIOUR;
        if (v == null) {
          v = content == null ? null : content.vector(item.title()).orElse(null);
          source = ItemFeatures.VectorSource.CONTENT;
        }
        if (v == null) {
          withoutVector.add(id);
          continue;
        }
        w.write(new ItemFeatures(item, v, modelVersion, source, shoppers.getOrDefault(id, 0),
            neighbours.getOrDefault(id, List.of())));
        if (source == ItemFeatures.VectorSource.BEHAVIOUR) {
          behaviour++;
        } else {
          fromTitle++;
        }
      }
    }
    log("items: %,d with an item2vec vector, %,d with a content (title) vector; %,d of them catalogue-only",
        behaviour, fromTitle, ids.stream().filter(id -> !shoppers.containsKey(id)).count());
    if (!withoutVector.isEmpty()) {
      log("%,d items have neither an item2vec vector (features.item2vec.min-count=%d) nor usable title words and "
          + "are not indexed, e.g. %s", withoutVector.size(), settings.minCount(),
          withoutVector.subList(0, Math.min(5, withoutVector.size())));
    }
    return behaviour + fromTitle;
  }

  /**
   * Fails fast, on the client, for a file whose header lacks a configured column, and warns about each file that
   * holds no lines to read (empty, or a header alone): a backfill that quietly reads nothing from a file someone
   * meant to load is worse than a word on the console. A damaged {@code .gz} header is left to the job, which
   * dead-letters it.
   */
  void checkHeaders(List<Path> files) {
    for (Path f : files) {
      RecordFormat format = RecordFormat.detect(f);
      try (LineReader r = LineReader.open(f)) {
        RawLine first = r.next();
        if (first == null) {
          log("warning: %s is empty: nothing read from it", f);
        } else if (format != RecordFormat.JSONL && first.damage() == null) {
          EventLineParser.forHeader(schema, format, first);
          if (r.next() == null) {
            log("warning: %s has a header but no lines: nothing read from it", f);
          }
        }
      } catch (IOException e) {
        throw new UserError("cannot read " + f + ": " + e.getMessage(), e);
      }
    }
  }

  static Map<String, Item> readCatalogue(Path items) {
    Map<String, Item> out = new HashMap<>();
    if (items == null) {
      return out;
    }
    ReadStats stats = new ItemFileReader().read(items, i -> out.put(i.id(), i), d -> { });
    if (stats.rejectedTotal() > 0) {
      log("catalogue %s: %s", items, stats);
    }
    return out;
  }

  private static long counter(JobExecutionResult r, String name) {
    Object v = r.getAccumulatorResult(name);
    return v == null ? 0 : ((Number) v).longValue();
  }

  private static RuntimeException unwrap(Exception e) {
    UserError user = UserError.findIn(e);
    if (user != null) {
      return user;
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    Throwable root = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return new IllegalStateException("feature job failed: " + root.getMessage(), root);
  }

  static void log(String format, Object... args) {
    System.err.println("[features] " + String.format(format, args));
  }
}
